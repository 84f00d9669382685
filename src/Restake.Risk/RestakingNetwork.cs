using System.Numerics;

namespace Restake.Risk;

/// <summary>A bad network description: one named reason, nothing built.</summary>
public sealed class RiskModelException(string code, string message) : Exception($"{code}: {message}")
{
    public string Code { get; } = code;
}

/// <summary>An operator (validator) with its total slashable stake σ_v, in wei.</summary>
public sealed record Operator(string Name, BigInteger Stake);

/// <summary>
/// A service (AVS or operator set) with its profit from corruption π_s (wei) and the fraction α_s of
/// its securing stake an attacker must control, in basis points (1..10000), as the AVS declares them.
/// </summary>
public sealed record Service(string Name, BigInteger ProfitFromCorruption, int ThresholdBps);

/// <summary>
/// The restaking graph G = (S, V, E, π, σ, α) of Durvasula and Roughgarden (arXiv 2407.21785), with
/// per-edge allocations w_vs as in Bar-Zur and Eyal (arXiv 2503.00170): w_vs is the stake of operator v
/// that service s can slash (0 = no edge). Full reuse (the DR model) is w_vs = σ_v on every edge;
/// EigenLayer's unique stake is Σ_s w_vs ≤ σ_v. Immutable; all values exact integers.
/// </summary>
public sealed class RestakingNetwork
{
    public const int BpsDenominator = 10_000;

    private readonly BigInteger[,] _allocation;

    public IReadOnlyList<Operator> Operators { get; }
    public IReadOnlyList<Service> Services { get; }

    /// <summary>Σ_v w_vs: all stake securing each service.</summary>
    public IReadOnlyList<BigInteger> SecuringStake { get; }

    public BigInteger TotalStake { get; }

    public RestakingNetwork(IReadOnlyList<Operator> operators, IReadOnlyList<Service> services, BigInteger[,] allocation)
    {
        ArgumentNullException.ThrowIfNull(operators);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(allocation);
        if (allocation.GetLength(0) != operators.Count || allocation.GetLength(1) != services.Count)
            throw new RiskModelException("AllocationShape", $"allocation must be {operators.Count} operators x {services.Count} services");
        var names = new HashSet<string>();
        foreach (var o in operators)
        {
            if (o.Stake < 0) throw new RiskModelException("NegativeStake", $"operator {o.Name} has negative stake");
            if (!names.Add("o:" + o.Name)) throw new RiskModelException("DuplicateName", $"operator {o.Name} appears twice");
        }
        foreach (var s in services)
        {
            if (s.ProfitFromCorruption < 0) throw new RiskModelException("NegativeProfit", $"service {s.Name} has negative profit from corruption");
            if (s.ThresholdBps is < 1 or > BpsDenominator)
                throw new RiskModelException("ThresholdOutOfRange", $"service {s.Name} threshold {s.ThresholdBps} bps is outside 1..10000");
            if (!names.Add("s:" + s.Name)) throw new RiskModelException("DuplicateName", $"service {s.Name} appears twice");
        }
        var securing = new BigInteger[services.Count];
        for (var v = 0; v < operators.Count; v++)
        {
            for (var s = 0; s < services.Count; s++)
            {
                var w = allocation[v, s];
                if (w < 0 || w > operators[v].Stake)
                    throw new RiskModelException("AllocationOutOfRange", $"operator {operators[v].Name} allocates {w} to {services[s].Name}, outside 0..stake");
                securing[s] += w;
            }
        }
        Operators = operators.ToArray();
        Services = services.ToArray();
        _allocation = (BigInteger[,])allocation.Clone();
        SecuringStake = securing;
        TotalStake = operators.Aggregate(BigInteger.Zero, (a, o) => a + o.Stake);
    }

    /// <summary>The DR model: every edge (v, s) puts all of σ_v behind s.</summary>
    public static RestakingNetwork FullReuse(IReadOnlyList<Operator> operators, IReadOnlyList<Service> services, bool[,] edges)
    {
        ArgumentNullException.ThrowIfNull(operators);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(edges);
        if (edges.GetLength(0) != operators.Count || edges.GetLength(1) != services.Count)
            throw new RiskModelException("AllocationShape", $"edges must be {operators.Count} operators x {services.Count} services");
        var w = new BigInteger[operators.Count, services.Count];
        for (var v = 0; v < operators.Count; v++)
            for (var s = 0; s < services.Count; s++)
                w[v, s] = edges[v, s] ? operators[v].Stake : BigInteger.Zero;
        return new RestakingNetwork(operators, services, w);
    }

    public BigInteger Allocation(int op, int service) => _allocation[op, service];

    /// <summary>True when every nonzero allocation equals the operator's whole stake (the DR model).</summary>
    public bool IsFullReuse
    {
        get
        {
            for (var v = 0; v < Operators.Count; v++)
                for (var s = 0; s < Services.Count; s++)
                    if (_allocation[v, s] != 0 && _allocation[v, s] != Operators[v].Stake) return false;
            return true;
        }
    }

    /// <summary>
    /// What operator v loses when it joins an attack on the services in <paramref name="attacked"/>:
    /// min(σ_v, Σ_{s attacked} w_vs), its stake being slashed at most once (Bar-Zur and Eyal's validator
    /// cost; equals σ_v in the DR model whenever v secures an attacked service).
    /// </summary>
    public BigInteger OperatorCost(int op, IReadOnlyCollection<int> attacked)
    {
        var sum = BigInteger.Zero;
        foreach (var s in attacked) sum += _allocation[op, s];
        return BigInteger.Min(sum, Operators[op].Stake);
    }

    /// <summary>G↓D: the network with operators in <paramref name="removed"/> zeroed (slashed or gone).</summary>
    public RestakingNetwork Without(IReadOnlyCollection<int> removed)
    {
        ArgumentNullException.ThrowIfNull(removed);
        var ops = Operators.Select((o, i) => removed.Contains(i) ? o with { Stake = 0 } : o).ToArray();
        var w = new BigInteger[Operators.Count, Services.Count];
        for (var v = 0; v < Operators.Count; v++)
            for (var s = 0; s < Services.Count; s++)
                w[v, s] = removed.Contains(v) ? BigInteger.Zero : _allocation[v, s];
        return new RestakingNetwork(ops, Services, w);
    }

    /// <summary>The network restricted to some operators and services (indices into this one, in order).
    /// Securing stakes are recomputed, so only use it where the dropped edges cannot matter (see <see cref="Presolve"/>).</summary>
    public RestakingNetwork Subnetwork(IReadOnlyList<int> operators, IReadOnlyList<int> services)
    {
        ArgumentNullException.ThrowIfNull(operators);
        ArgumentNullException.ThrowIfNull(services);
        var w = new BigInteger[operators.Count, services.Count];
        for (var i = 0; i < operators.Count; i++)
            for (var j = 0; j < services.Count; j++)
                w[i, j] = _allocation[operators[i], services[j]];
        return new RestakingNetwork(operators.Select(v => Operators[v]).ToArray(), services.Select(s => Services[s]).ToArray(), w);
    }

    /// <summary>True when no operator allocates more than its stake in total (EigenLayer's unique stake):
    /// then an operator's cost is the plain sum of its allocations to the attacked services.</summary>
    public bool IsUniqueStake
    {
        get
        {
            for (var v = 0; v < Operators.Count; v++)
            {
                var sum = BigInteger.Zero;
                for (var s = 0; s < Services.Count; s++) sum += _allocation[v, s];
                if (sum > Operators[v].Stake) return false;
            }
            return true;
        }
    }

    public int OperatorIndex(string name)
    {
        for (var i = 0; i < Operators.Count; i++) if (Operators[i].Name == name) return i;
        throw new RiskModelException("UnknownOperator", $"no operator named {name}");
    }
}
