namespace Restake.Risk;

/// <summary>
/// Exact reductions before the worst-attack search (docs/risk.md, "Large networks"):
/// - **Service dominance (unique stake only).** There cost(B) = Σ_{s∈A} Σ_{v∈B} w_vs, so
///   net(A, B) = Σ_{s∈A} (π_s − w_s(B)) with w_s(B) ≥ r_s = α_s·W_s for every attacked s. A service with
///   π_s &lt; r_s adds a strictly negative term: dropping it from A keeps B an attacking coalition and
///   raises the net, so it is in no most-profitable attack with another service. (In full reuse this
///   fails: pooled security makes such services worth attacking together.) [derived]
/// - **Operators** with no allocation to a kept service cannot help or cost anything: dropped.
/// - **Components.** An operator's cost only involves the services it secures, so the net gain adds up
///   over connected components of the service–operator graph: the best attack is the union of the
///   components' best attacks that are profitable, or the single best component when none is.
/// </summary>
public static class Presolve
{
    /// <summary>One independent piece: operator and service indices of the original network.</summary>
    public sealed record Component(IReadOnlyList<int> Operators, IReadOnlyList<int> Services);

    /// <summary>The services kept, the operators kept, and the components they split into.
    /// <see cref="SingleServiceOnly"/>: unique stake and no service has π_s ≥ r_s, so every attack with
    /// two or more services is beaten by one of its single-service parts.</summary>
    public sealed record Plan(IReadOnlyList<int> KeptServices, IReadOnlyList<int> KeptOperators, IReadOnlyList<Component> Components, bool SingleServiceOnly);

    public static Plan Build(RestakingNetwork net)
    {
        ArgumentNullException.ThrowIfNull(net);
        int n = net.Operators.Count, m = net.Services.Count;
        var keep = Enumerable.Range(0, m).ToList();
        if (net.IsUniqueStake)
        {
            // 10000·π_s < α_bps·W_s, exactly.
            keep = keep.Where(s => net.Services[s].ProfitFromCorruption * RestakingNetwork.BpsDenominator >= net.Services[s].ThresholdBps * net.SecuringStake[s]).ToList();
            if (keep.Count == 0) return new Plan([], [], [], true);
        }
        // Union–find over services, joined through shared operators.
        var parent = Enumerable.Range(0, m).ToArray();
        int Find(int a) { while (parent[a] != a) a = parent[a] = parent[parent[a]]; return a; }
        var kept = new bool[m];
        foreach (var s in keep) kept[s] = true;
        var ops = new List<int>();
        for (var v = 0; v < n; v++)
        {
            var first = -1;
            for (var s = 0; s < m; s++)
            {
                if (!kept[s] || net.Allocation(v, s).IsZero) continue;
                if (first < 0) first = s;
                else parent[Find(s)] = Find(first);
            }
            if (first >= 0) ops.Add(v);
        }
        var bySvc = keep.GroupBy(Find).ToDictionary(g => g.Key, g => g.ToList());
        var opsBy = new Dictionary<int, List<int>>();
        foreach (var v in ops)
        {
            var root = Find(Enumerable.Range(0, m).First(s => kept[s] && !net.Allocation(v, s).IsZero));
            if (!opsBy.TryGetValue(root, out var list)) opsBy[root] = list = [];
            list.Add(v);
        }
        var components = bySvc.OrderBy(kv => kv.Value[0])
            .Select(kv => new Component(opsBy.TryGetValue(kv.Key, out var o) ? o : [], kv.Value))
            .ToList();
        return new Plan(keep, ops, components, false);
    }
}
