using System.Numerics;
using Restake.Risk;

namespace Restake.Risk.Tests;

/// <summary>Small networks for tests: hand-worked ones and seeded random ones.</summary>
internal static class Nets
{
    public static RestakingNetwork FullReuse(long[] stakes, (long Profit, int Bps)[] services, bool[,] edges) =>
        RestakingNetwork.FullReuse(
            stakes.Select((s, i) => new Operator($"v{i}", s)).ToArray(),
            services.Select((s, j) => new Service($"s{j}", s.Profit, s.Bps)).ToArray(),
            edges);

    public static bool[,] All(int n, int m)
    {
        var e = new bool[n, m];
        for (var i = 0; i < n; i++) for (var j = 0; j < m; j++) e[i, j] = true;
        return e;
    }

    private static readonly int[] CommonBps = [3334, 5000, 6667, 10000];

    /// <summary>A random network of up to maxOps operators and maxServices services. Full reuse puts all
    /// of σ_v on each edge (DR); otherwise each operator splits at most its stake over its services.</summary>
    public static RestakingNetwork Random(int seed, int maxOps, int maxServices, bool fullReuse)
    {
        var r = new Random(seed);
        int n = r.Next(1, maxOps + 1), m = r.Next(1, maxServices + 1);
        var ops = Enumerable.Range(0, n).Select(i => new Operator($"v{i}", r.Next(1, 101))).ToArray();
        var svc = Enumerable.Range(0, m).Select(j => new Service($"s{j}", r.Next(0, 121),
            r.Next(2) == 0 ? CommonBps[r.Next(CommonBps.Length)] : r.Next(1, 10001))).ToArray();
        var w = new BigInteger[n, m];
        for (var i = 0; i < n; i++)
        {
            var left = (long)ops[i].Stake;
            for (var j = 0; j < m; j++)
            {
                if (r.Next(100) < 35) continue;
                if (fullReuse) w[i, j] = ops[i].Stake;
                else
                {
                    var a = r.Next(0, (int)left + 1);
                    w[i, j] = a;
                    left -= a;
                }
            }
        }
        return new RestakingNetwork(ops, svc, w);
    }
}
