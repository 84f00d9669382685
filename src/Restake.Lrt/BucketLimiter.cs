namespace Restake.Lrt;

/// <summary>
/// Ether.fi's token-bucket rate limit (src/utils/BucketLimiter.sol): it refills
/// <see cref="RefillPerSecond"/> units a second up to <see cref="Capacity"/>; a consume takes units
/// only if that many are available. Units are amounts divided by <see cref="UnitScale"/> (1e12 wei),
/// rounded up for what is consumed, as EtherFiRedemptionManager does.
/// </summary>
public sealed class BucketLimiter(ulong capacity, ulong refillPerSecond, ulong nowSeconds)
{
    public const ulong UnitScale = 1_000_000_000_000UL;

    public ulong Capacity { get; } = capacity;
    public ulong RefillPerSecond { get; } = refillPerSecond;
    public ulong Remaining { get; private set; } = capacity;
    public ulong LastRefill { get; private set; } = nowSeconds;

    /// <summary>Units available at <paramref name="nowSeconds"/>, without changing anything.</summary>
    public ulong Consumable(ulong nowSeconds)
    {
        var elapsed = nowSeconds > LastRefill ? nowSeconds - LastRefill : 0UL;
        var refill = (UInt128)elapsed * RefillPerSecond + Remaining;
        return refill >= Capacity ? Capacity : (ulong)refill;
    }

    public bool CanConsume(ulong units, ulong nowSeconds) => Consumable(nowSeconds) >= units;

    /// <summary>Takes <paramref name="units"/>; the caller checked <see cref="CanConsume"/>.</summary>
    public void Consume(ulong units, ulong nowSeconds)
    {
        var available = Consumable(nowSeconds);
        LrtRevert.If(available < units, "RateLimitExceeded", $"bucket holds {available} units, asked {units}");
        Remaining = available - units;
        LastRefill = Math.Max(LastRefill, nowSeconds);
    }

    public override string ToString() => $"bucket cap={Capacity} refill={RefillPerSecond} remaining={Remaining} last={LastRefill}";
}
