using Restake.Primitives;
using Restake.Protocol;

namespace Restake.Lrt.OnEngine;

// eETH instant redemption (EtherFiRedemptionManager): paid at once from idle liquidity, less an exit fee, within a rate limit.
public sealed partial class LrtVault
{
    /// <summary>The eETH treasury that takes its split of each exit fee (as eETH).</summary>
    public const string EtherFiTreasury = EtherFiPool.Treasury;

    /// <summary>Ether.fi's bucket limiter, in 1e12-wei units; null for other presets.</summary>
    public BucketLimiter? Limiter { get; private set; }

    internal void InitInstant(long now)
    {
        if (Preset != LrtPreset.EtherFi)
        {
            return;
        }
        var cap = Rules.BucketCapacity ?? LrtRules.DefaultBucketCapacity;
        var refill = Rules.BucketRefillPerSecond ?? LrtRules.DefaultBucketRefill;
        Limiter = new BucketLimiter((ulong)(cap / BucketLimiter.UnitScale), (ulong)(refill / BucketLimiter.UnitScale), (ulong)now);
    }

    /// <summary>Idle tokens of the first asset across the node delegators, in ETH: what instant redemption can pay from.</summary>
    public UInt256 Liquidity(Protocol.State.NetworkState s)
    {
        var token = s.Strategies[Assets[0]].Token.Symbol;
        var tokens = Nodes.Aggregate(UInt256.Zero, (a, nd) => a + s.BalanceOf(nd.Name, token));
        return Wad.MulDown(tokens, PricesWad[Assets[0]]);
    }

    /// <summary>The floor instant redemption may not dig below: ⌊reported TVL·lowWatermarkBps/1e4⌋.</summary>
    public UInt256 LowWatermark => Bps.Down(ReportedValue, Rules.LowWatermarkBps ?? LrtRules.DefaultLowWatermarkBps);

    /// <summary>
    /// redeemEEth: value = amountForShare(shares); toReceiver = amountForShare(⌊shares·(1e4−fee)/1e4⌋);
    /// burn = sharesForWithdrawalAmount(toReceiver); of the fee shares the treasury gets its split, the rest
    /// is burned, so the pool keeps the fee. Checks come first; a refusal changes nothing.
    /// </summary>
    internal UInt256 InstantRedeem(Engine engine, LrtInstantRedeem c)
    {
        var s = engine.State;
        if (Preset is not (LrtPreset.EtherFi or LrtPreset.Puffer))
        {
            throw Refuse("InstantRedemptionUnsupported", $"{Name} has no instant redemption (eETH's redemption manager, pufETH's ERC-4626 redeem)");
        }
        var held = Token.BalanceOf(c.User);
        if (c.Amount.IsZero || held < c.Amount)
        {
            throw Refuse(c.Amount.IsZero ? "InvalidAmount" : "InsufficientBalance", $"{c.User} holds {held} {Name}, redeeming {c.Amount}");
        }
        if (Preset == LrtPreset.Puffer || Limiter is null)
        {
            return RedeemPuffer(engine, c);
        }
        var supply = Token.TotalSupply;
        var value = UInt256.MulDiv(c.Amount, ReportedValue, supply);
        var liquid = Liquidity(s);
        var floor = LowWatermark;
        if (liquid < floor || liquid - floor < value)
        {
            throw Refuse("ExceededRedeemable", $"{value} wei exceeds the liquidity {liquid} above the low watermark {floor}");
        }
        var units = UInt256.MulDivUp(value, UInt256.One, BucketLimiter.UnitScale);
        var now = (ulong)s.Time;
        if (!units.FitsIn64 || !Limiter.CanConsume((ulong)units, now))
        {
            throw Refuse("RateLimitExceeded", $"the bucket holds {Limiter.Consumable(now)} units of 1e12 wei, the redemption needs {units}");
        }
        var fee = Rules.ExitFeeBps ?? LrtRules.DefaultEtherFiExitFeeBps;
        var toReceiver = UInt256.MulDiv(UInt256.MulDiv(c.Amount, Bps.Scale - fee, Bps.Denominator), ReportedValue, supply);
        var burn = UInt256.MulDivUp(toReceiver, supply, ReportedValue);
        if (toReceiver.IsZero || burn > c.Amount)
        {
            throw Refuse("InvalidAmount", $"redeeming {c.Amount} {Name} rounds to nothing");
        }
        var toTreasury = Bps.Down(c.Amount - burn, Rules.TreasurySplitBps ?? LrtRules.DefaultTreasurySplitBps);
        var paid = PayFromNodes(engine, s, c.User, toReceiver);
        Limiter.Consume((ulong)units, now);
        var paidValue = Wad.MulDown(paid, PricesWad[Assets[0]]);
        ReportedValue = ReportedValue > paidValue ? ReportedValue - paidValue : UInt256.Zero;
        if (!toTreasury.IsZero)
        {
            Token.Transfer(c.User, EtherFiTreasury, toTreasury);
        }
        Token.Burn(c.User, c.Amount - toTreasury);
        return paid;
    }

    /// <summary>
    /// eETH and pufETH: the part of a deposit kept idle in the pool as instant liquidity (bufferBps of the amount, rounded
    /// down; pufETH's vault keeps WETH for ERC-4626 withdrawals the same way).
    /// </summary>
    private UInt256 Buffer(UInt256 amount) => Preset is LrtPreset.EtherFi or LrtPreset.Puffer ? Bps.Down(amount, Rules.BufferBps ?? 0UL) : UInt256.Zero;
}
