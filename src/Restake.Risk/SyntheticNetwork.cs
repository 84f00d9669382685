using System.Numerics;

namespace Restake.Risk;

/// <summary>
/// A synthetic EigenLayer-sized unique-stake network (no public per-operator × AVS snapshot exists,
/// risk-lrt.md §6.5, so the graph is drawn at random and calibrated to published aggregates):
/// - 4.8M ETH restaked in total (EigenLayer blog, July 2024, in eigenlayer-core.md's timeline);
/// - 2,000 operators and 50 AVSs (the mainnet size; 39 AVSs at the slashing launch, Apr 2025);
/// - operator stakes Zipf-like (σ ∝ 1/rank with ±40 % noise): no published distribution, the usual
///   heavy tail of delegation (the top ten hold about a third) — an assumption, stated in docs/risk.md;
/// - the four largest AVSs have 258, 103, 74 and 61 operators (EigenDA, eoracle, Witness Chain, Lagrange,
///   risk-lrt.md §6.5), the rest decay from 61 to about 15; operators join an AVS with probability
///   proportional to their stake (large operators run many AVSs);
/// - each operator allocates 50–100 % of its stake, split at random over its AVSs (Σ_s w_vs ≤ σ_v);
/// - each AVS declares a threshold of 33.34 %, 50 % or 66.67 % and a profit from corruption of 5–60 %
///   of the stake securing it (assumed: AVSs do not publish it), so some AVSs are insecure alone.
/// Stakes are whole multiples of 0.001 ETH so the CP-SAT scaling stays exact.
/// </summary>
public static class SyntheticNetwork
{
    public static readonly BigInteger Milli = BigInteger.Pow(10, 15);
    public const long MainnetTotalEth = 4_800_000;
    private static readonly int[] PublishedDegrees = [258, 103, 74, 61];
    private static readonly int[] Thresholds = [3334, 5000, 6667];

    /// <summary>The mainnet-size network: 2,000 operators, 50 AVSs.</summary>
    public static RestakingNetwork Mainnet(int seed = 1) => Generate(2000, 50, MainnetTotalEth, seed);

    /// <summary>The same recipe at another size (degrees scaled by operators/2000, at least 3).</summary>
    public static RestakingNetwork Generate(int operators, int services, long totalEth, int seed)
    {
        if (operators < 1 || services < 1 || totalEth < 1)
            throw new RiskModelException("BadSyntheticSize", "a synthetic network needs at least one operator, one service and 1 ETH");
        var r = new Random(seed);
        // Stakes in milli-ETH: Zipf weights with noise, normalized to the total, at least 1 ETH each.
        var weights = Enumerable.Range(1, operators).Select(i => 1.0 / i * (0.6 + 0.8 * r.NextDouble())).ToArray();
        var sum = weights.Sum();
        var totalMilli = totalEth * 1000L;
        var stakes = weights.Select(w => Math.Max(1000L, (long)(w / sum * totalMilli))).ToArray();

        var degree = new int[services];
        for (var s = 0; s < services; s++)
        {
            var d = s < PublishedDegrees.Length ? PublishedDegrees[s] : (int)Math.Round(61 * Math.Pow(4.0 / (s + 1), 0.45));
            degree[s] = Math.Clamp((int)Math.Round(d * operators / 2000.0), Math.Min(3, operators), operators);
        }
        // Operators join AVSs with probability ∝ stake (weighted sampling without replacement per AVS).
        var member = new bool[operators, services];
        for (var s = 0; s < services; s++)
        {
            // Efraimidis–Spirakis keys u^(1/σ), compared as ln(u)/σ.
            var keys = Enumerable.Range(0, operators).Select(v => (v, key: Math.Log(1 - r.NextDouble()) / stakes[v])).ToArray();
            foreach (var (v, _) in keys.OrderByDescending(k => k.key).Take(degree[s])) member[v, s] = true;
        }
        var w = new BigInteger[operators, services];
        for (var v = 0; v < operators; v++)
        {
            var mine = Enumerable.Range(0, services).Where(s => member[v, s]).ToArray();
            if (mine.Length == 0) continue;
            var share = 0.5 + 0.5 * r.NextDouble();
            var parts = mine.Select(_ => 0.05 + r.NextDouble()).ToArray();
            var partSum = parts.Sum();
            for (var i = 0; i < mine.Length; i++)
                w[v, mine[i]] = (long)(stakes[v] * share * parts[i] / partSum) * Milli;
        }
        var ops = Enumerable.Range(0, operators).Select(v => new Operator($"op{v + 1:D4}", stakes[v] * Milli)).ToArray();
        var svc = new Service[services];
        for (var s = 0; s < services; s++)
        {
            var securing = BigInteger.Zero;
            for (var v = 0; v < operators; v++) securing += w[v, s];
            var shareBps = 500 + r.Next(5501);
            var profit = securing * shareBps / 10_000 / Milli * Milli;
            svc[s] = new Service($"avs{s + 1:D2}", profit, Thresholds[r.Next(Thresholds.Length)]);
        }
        return new RestakingNetwork(ops, svc, w);
    }
}
