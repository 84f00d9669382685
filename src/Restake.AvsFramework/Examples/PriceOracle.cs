using Restake.Primitives;

namespace Restake.AvsFramework.Examples;

/// <summary>
/// A price oracle: each task is a round; operators report the ETH/USD price with 8 decimals; the AVS accepts the
/// stake-weighted median, and a report more than <see cref="ToleranceBips"/> away from it is a fault that costs 5 % of
/// the operator's stETH allocation. This is the slashing rule a restaker should read before chasing an oracle's yield:
/// an operator whose data source drifts is slashed even if it meant no harm.
/// </summary>
public sealed class PriceOracle : AvsDefinition
{
    /// <summary>The tolerance band: ±2 % of the median.</summary>
    public const int ToleranceBips = 200;

    public override string Name => "price-oracle";

    /// <summary>Reports inside the band must carry half of the stETH stake.</summary>
    public override IReadOnlyList<QuorumThreshold> Quorum { get; } = [new("stETH", 50)];

    public override IReadOnlyList<string> TaskTypes { get; } = ["eth-usd"];

    public override SlashRule Slash { get; } = new(Wad.Unit / (UInt256)20UL, ["stETH"]);

    public override RewardsPolicy Rewards { get; } = new("rETH", UInt256.Pow10(16));

    public override string? CheckResponse(AvsTask task, UInt256 value) =>
        value.IsZero ? "a price is positive" : value > (UInt256)ulong.MaxValue ? "a price has at most 20 digits" : null;

    /// <summary>The devnet's market: a deterministic ETH/USD price per round, 3,000 to 3,199 dollars (8 decimals).</summary>
    public static UInt256 MarketPrice(UInt256 round) => (UInt256)(3_000UL + ((ulong)(round % (UInt256)200UL) * 37UL % 200UL)) * UInt256.Pow10(8);

    public override UInt256 HonestAnswer(AvsTask task) => MarketPrice(task.Input);

    /// <summary>A drifting source: 10 % high.</summary>
    public override UInt256 WrongAnswer(AvsTask task) => MarketPrice(task.Input) * (UInt256)110UL / (UInt256)100UL;

    /// <summary>
    /// The stake-weighted (lower) median: sort the reports by value (ties by operator), and take the first whose running
    /// weight reaches half the total (2·running ≥ total). With no weight at all, the lower median by count.
    /// </summary>
    public override UInt256 Accept(AvsTask task, IReadOnlyList<Report> reports) => WeightedMedian(reports);

    public static UInt256 WeightedMedian(IReadOnlyList<Report> reports)
    {
        var sorted = reports.OrderBy(r => r.Value).ThenBy(r => r.Operator, StringComparer.Ordinal).ToList();
        var total = sorted.Aggregate(UInt256.Zero, (acc, r) => acc + r.Weight);
        if (total.IsZero)
        {
            return sorted[(sorted.Count - 1) / 2].Value;
        }
        var running = UInt256.Zero;
        foreach (var r in sorted)
        {
            running += r.Weight;
            if (running * (UInt256)2UL >= total)
            {
                return r.Value;
            }
        }
        return sorted[^1].Value;
    }

    /// <summary>Inside the band: |value − median|·10,000 ≤ tolerance·median.</summary>
    public override bool Supports(AvsTask task, UInt256 accepted, UInt256 value)
    {
        var diff = value > accepted ? value - accepted : accepted - value;
        return diff * (UInt256)10_000UL <= accepted * (UInt256)(ulong)ToleranceBips;
    }

    public override bool IsFault(AvsTask task, UInt256 accepted, UInt256 value) => !Supports(task, accepted, value);
}
