using System.Numerics;
using Google.OrTools.Sat;

namespace Restake.Risk;

/// <summary>How far a solve got: proven optimal, a feasible answer with a bound (time limit), none.</summary>
public enum SolveStatus { Optimal, FeasibleWithBound, NoSolution, Infeasible }

/// <summary>
/// A solver answer. <see cref="Attack"/> is re-evaluated exactly on the unscaled network.
/// <see cref="ObjectiveBound"/> is the solver's proven bound on the objective, in wei (scaled units × unit).
/// <see cref="ExactScaling"/> is false when stakes had to be rounded to fit int64 (see docs/risk.md).
/// </summary>
public sealed record SolveResult(SolveStatus Status, Attack? Attack, BigInteger ObjectiveValue, BigInteger ObjectiveBound, BigInteger Unit, bool ExactScaling)
{
    /// <summary>For a worst-shock solve: the shocked operators D (the attack is on G↓D).</summary>
    public IReadOnlyList<int> Shocked { get; init; } = [];

    public bool ProvenOptimal => Status is SolveStatus.Optimal or SolveStatus.Infeasible;
}

/// <summary>Time limit, parallel workers, and further CP-SAT parameters in its text format (e.g. "linearization_level:2").</summary>
/// <see cref="Classic"/> solves the whole network with the first formulation (indicator stake constraints, no
/// presolve, no decomposition); it is kept to check the improved search against it.
public sealed record SolverOptions(double TimeLimitSeconds = 30, int Workers = 2, string ExtraParameters = "", bool Classic = false);

/// <summary>
/// Exact worst-attack search with OR-Tools CP-SAT. Variables: x_s (service attacked), y_v (operator
/// attacks), p_vs = x_s ∧ y_v, c_v = min(σ_v, Σ_s w_vs p_vs) (the once-only slash of Bar-Zur and
/// Eyal's validator cost). Stake condition per s, enforced when x_s: 10000·Σ_v w_vs y_v ≥ α_bps·Σ_v w_vs.
/// This is the DR worst-attack MILP (risk-lrt.md §1.1) with indicator constraints instead of big-M.
/// </summary>
public static class AttackSolver
{
    // Headroom so that 10000·Σw and weighted objectives stay inside int64.
    private static readonly BigInteger MaxScaled = BigInteger.One << 44;

    /// <summary>max π(A) − cost(B) over attacking coalitions with A nonempty. Secure iff the optimum ≤ 0.</summary>
    /// The network is first reduced and split by <see cref="Presolve"/> (exact), each component is solved
    /// with the strengthened model, and when a time limit stops a component its bound is tightened with
    /// <see cref="NetBound"/>; an attack that reaches the combined bound is proven optimal.
    public static SolveResult MostProfitable(RestakingNetwork net, SolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(net);
        options ??= new SolverOptions();
        if (options.Classic || net.Services.Count == 0) return Tighten(net, Solve(net, Objective.Net, 1, 1, options));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var plan = Presolve.Build(net);
        var (unit, exact) = ChooseUnit(net);
        var parts = new List<SolveResult>();
        for (var i = 0; i < plan.Components.Count; i++)
        {
            var c = plan.Components[i];
            var left = Math.Max(0.5, (options.TimeLimitSeconds - clock.Elapsed.TotalSeconds) / (plan.Components.Count - i));
            var sub = net.Subnetwork(c.Operators, c.Services);
            parts.Add(MapBack(net, SolveComponent(sub, options with { TimeLimitSeconds = left }, unit, exact), c.Operators, c.Services));
        }
        var combined = Combine(net, parts, unit, exact);
        if (combined.Attack is { } a && a.Net > 0) return combined;
        // No component is profitable. With unique stake the best attack is then a single service
        // (every term π_s − w_s(B) of a multi-service attack is ≤ 0), possibly a dropped one: try each.
        // Otherwise (no service was dropped) the best component is the answer.
        if (!net.IsUniqueStake) return combined;
        var singles = Enumerable.Range(0, net.Services.Count)
            .Select(s => CostOfCorruption(net, s, options with { TimeLimitSeconds = Math.Max(0.5, (options.TimeLimitSeconds - clock.Elapsed.TotalSeconds) / net.Services.Count) }))
            .ToList();
        var best = singles.Where(r => r.Attack is not null).MaxBy(r => r.Attack!.Net);
        var bound = singles.Max(r => r.ObjectiveBound);
        var proven = singles.All(r => r.ProvenOptimal);
        if (best is null) return new SolveResult(proven ? SolveStatus.Infeasible : SolveStatus.NoSolution, null, 0, bound, unit, exact);
        return best with { Status = proven || best.Attack!.Net >= bound ? SolveStatus.Optimal : SolveStatus.FeasibleWithBound, ObjectiveBound = bound, ObjectiveValue = best.Attack!.Net };
    }

    // One component: with unique stake and exact units, first the constructive optimum (ExactCover);
    // otherwise CP-SAT, its bound tightened by NetBound and by ExactCover's bound.
    private static SolveResult SolveComponent(RestakingNetwork sub, SolverOptions options, BigInteger unit, bool exact)
    {
        BigInteger? cover = null;
        long[]? least = null;
        Attack? hint = null;
        if (exact && sub.IsUniqueStake)
        {
            cover = ExactCover.Bound(sub, unit);
            if (ExactCover.Optimal(sub, unit) is { } a && a.Net == cover)
                return new SolveResult(SolveStatus.Optimal, a, a.Net, a.Net, unit, exact);
            // Per service, the least any attack on it pays there is its cost of corruption (B's operators
            // securing s are a coalition on s alone): a valid row per service and a tighter bound.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            least = new long[sub.Services.Count];
            for (var s = 0; s < least.Length; s++)
            {
                var c = CostOfCorruption(sub, s, options with { TimeLimitSeconds = Math.Max(0.2, options.TimeLimitSeconds / 4 / least.Length) });
                var pi = sub.Services[s].ProfitFromCorruption;
                var lower = c.ProvenOptimal && c.Attack is { } ca ? ca.Cost : pi - c.ObjectiveBound;
                least[s] = Math.Max(ExactCover.Need(sub, s, unit), (long)((lower + unit - 1) / unit));
            }
            var terms = Enumerable.Range(0, least.Length).Select(s => sub.Services[s].ProfitFromCorruption - least[s] * unit).ToArray();
            var positive = terms.Where(t => t > 0).Aggregate(BigInteger.Zero, (acc, t) => acc + t);
            cover = BigInteger.Min(cover.Value, positive > 0 ? positive : terms.Max());
            options = options with { TimeLimitSeconds = Math.Max(0.5, options.TimeLimitSeconds - clock.Elapsed.TotalSeconds) };
            hint = ExactCover.Sequential(sub, unit, least);
            if (hint is { } h && h.Net >= cover)
                return new SolveResult(SolveStatus.Optimal, h, h.Net, h.Net, unit, exact);
        }
        var r = Tighten(sub, Solve(sub, Objective.Net, 1, 1, options, unitOverride: (unit, exact), leastHeld: least, hint: hint));
        if (cover is not null && r.Attack is { } found && r.Status == SolveStatus.FeasibleWithBound)
        {
            var polished = ExactCover.Polish(sub, unit, found);
            if (polished.Net > found.Net) r = r with { Attack = polished, ObjectiveValue = polished.Net };
        }
        if (cover is not { } u || r.Status is not (SolveStatus.FeasibleWithBound or SolveStatus.NoSolution) || u >= r.ObjectiveBound) return r;
        return r with { ObjectiveBound = u, Status = r.Attack is { } b && b.Net >= u ? SolveStatus.Optimal : r.Status };
    }

    private static Attack? Better(Attack? a, Attack? b) => a is null ? b : b is null || a.Net >= b.Net ? a : b;

    // Tightens a stopped Net solve with NetBound; an attack that reaches the bound is optimal.
    private static SolveResult Tighten(RestakingNetwork net, SolveResult r)
    {
        if (r.Status is not (SolveStatus.FeasibleWithBound or SolveStatus.NoSolution)) return r;
        var bound = BigInteger.Min(r.ObjectiveBound, NetBound.UpperBound(net));
        var status = r.Attack is { } a && a.Net >= bound ? SolveStatus.Optimal : r.Status;
        return r with { ObjectiveBound = bound, Status = status };
    }

    // A component's answer in the indices of the whole network (re-evaluated exactly there).
    private static SolveResult MapBack(RestakingNetwork net, SolveResult r, IReadOnlyList<int> ops, IReadOnlyList<int> svcs)
    {
        if (r.Attack is not { } a) return r;
        var attack = AttackRules.Evaluate(net, a.Services.Select(s => svcs[s]).Order().ToArray(), a.Operators.Select(v => ops[v]).Order().ToArray());
        return r with { Attack = attack };
    }

    // Net gains add up over components: take every profitable one, or the best one if none is.
    private static SolveResult Combine(RestakingNetwork net, IReadOnlyList<SolveResult> parts, BigInteger unit, bool exact)
    {
        if (parts.Count == 0) return new SolveResult(SolveStatus.Infeasible, null, 0, 0, unit, exact);
        var found = parts.Where(p => p.Attack is not null).ToList();
        var positive = found.Where(p => p.Attack!.Net > 0).ToList();
        var boundPositive = parts.Aggregate(BigInteger.Zero, (b, p) => b + BigInteger.Max(0, p.ObjectiveBound));
        var bound = boundPositive > 0 ? boundPositive : parts.Max(p => p.ObjectiveBound);
        var proven = parts.All(p => p.ProvenOptimal);
        Attack? attack;
        if (positive.Count > 0)
        {
            attack = AttackRules.Evaluate(net,
                positive.SelectMany(p => p.Attack!.Services).Order().ToArray(),
                positive.SelectMany(p => p.Attack!.Operators).Order().ToArray());
        }
        else
        {
            attack = found.Select(p => p.Attack).MaxBy(a => a!.Net);
        }
        if (attack is null) return new SolveResult(proven ? SolveStatus.Infeasible : SolveStatus.NoSolution, null, 0, bound, unit, exact);
        var status = proven || attack.Net >= bound ? SolveStatus.Optimal : SolveStatus.FeasibleWithBound;
        return new SolveResult(status, attack, attack.Net, status == SolveStatus.Optimal ? attack.Net : bound, unit, exact);
    }

    /// <summary>max cost(B) over valid attacks (π(A) &gt; cost(B)): the most stake one attack can destroy.</summary>
    public static SolveResult LargestProfitable(RestakingNetwork net, SolverOptions? options = null) =>
        Solve(net, Objective.LargestValid, 1, 1, options ?? new SolverOptions());

    /// <summary>
    /// The DR γ-buffer certificate for γ = num/den: every attacking coalition has (1+γ)·π(A) ≤ cost(B)
    /// iff max over coalitions of (den+num)·π(A) − den·cost(B) is ≤ 0. Returns that solve; the buffer is
    /// certified when it is proven optimal (or its bound is) at ≤ 0.
    /// </summary>
    public static SolveResult GammaBufferCheck(RestakingNetwork net, long gammaNum, long gammaDen, SolverOptions? options = null)
    {
        if (gammaNum < 0 || gammaDen <= 0) throw new RiskModelException("BadGamma", "gamma must be a nonnegative fraction num/den with den > 0");
        return Solve(net, Objective.Net, gammaDen + gammaNum, gammaDen, options ?? new SolverOptions());
    }

    /// <summary>True when the γ-buffer is proven to hold, false when a violating coalition is found,
    /// null when the time limit left it open.</summary>
    public static bool? GammaBufferHolds(SolveResult check)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (check.Status == SolveStatus.Infeasible) return true;
        if (check.ObjectiveBound <= 0) return true;
        if (check.Status != SolveStatus.NoSolution && check.ObjectiveValue > 0) return false;
        return null;
    }

    /// <summary>
    /// Cost of corruption of one service alone: the cheapest coalition meeting its threshold, as the
    /// attack on {s} with the best net (π_s − CoC). CoC = π_s − net; margin of safety = −net.
    /// </summary>
    public static SolveResult CostOfCorruption(RestakingNetwork net, int service, SolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(net);
        if (service < 0 || service >= net.Services.Count) throw new RiskModelException("UnknownService", $"service index {service} is not in the network");
        options ??= new SolverOptions();
        if (options.Classic) return Solve(net, Objective.Net, 1, 1, options, onlyService: service);
        // Only the service's own operators matter: one service, its operators, cost = allocation.
        var (unit, exact) = ChooseUnit(net);
        // A coalition holding exactly R_s units costs the least possible: proven without a search.
        if (exact && ExactCover.CheapestCoalition(net, service, unit) is { } cheapest)
            return new SolveResult(SolveStatus.Optimal, cheapest, cheapest.Net, cheapest.Net, unit, exact);
        var ops = Enumerable.Range(0, net.Operators.Count).Where(v => !net.Allocation(v, service).IsZero).ToArray();
        var sub = net.Subnetwork(ops, [service]);
        return MapBack(net, Solve(sub, Objective.Net, 1, 1, options, unitOverride: (unit, exact)), ops, [service]);
    }

    /// <summary>
    /// DR's worst-case loss R_ψ as one model (risk-lrt.md §1.1, derived from Corollary 1): choose a shock
    /// D with σ_D ≤ ψ·σ_V (ψ = num/den) and a valid attack on G↓D that destroys the most stake. Returns
    /// that attack (cost = attack loss) with <see cref="SolveResult.Shocked"/> = D; R_ψ = ψ + cost/σ_V.
    /// In the full-reuse model this equals the worst cascade after the worst shock.
    /// </summary>
    /// <paramref name="start"/>: a valid attack on the unshocked network (e.g. the most profitable one) to start
    /// from, so that a time-limited search on a large network still reports an answer and a bound.
    public static SolveResult WorstShock(RestakingNetwork net, long psiNum, long psiDen, SolverOptions? options = null, Attack? start = null)
    {
        if (psiNum < 0 || psiDen <= 0 || psiNum > psiDen) throw new RiskModelException("BadPsi", "psi must be a fraction num/den in [0, 1]");
        var valid = start is { IsProfitable: true } ? start : null;
        var r = Solve(net, Objective.LargestValid, 1, 1, options ?? new SolverOptions(), (psiNum, psiDen), hint: valid);
        // Stopped before its first solution: the start (no shock) is still a valid answer under the bound.
        if (r.Status == SolveStatus.NoSolution && valid is not null)
            return r with { Status = SolveStatus.FeasibleWithBound, Attack = valid, ObjectiveValue = valid.Cost, ObjectiveBound = BigInteger.Max(r.ObjectiveBound, valid.Cost) };
        return r;
    }

    private enum Objective { Net, LargestValid }

    private static SolveResult Solve(RestakingNetwork net, Objective objective, long profitWeight, long costWeight, SolverOptions options, (long Num, long Den)? psi = null, int? onlyService = null, (BigInteger Unit, bool Exact)? unitOverride = null, long[]? leastHeld = null, Attack? hint = null)
    {
        ArgumentNullException.ThrowIfNull(net);
        int n = net.Operators.Count, m = net.Services.Count;
        if (m == 0) return new SolveResult(SolveStatus.Infeasible, null, 0, 0, 1, true);
        // A part of a network uses the whole network's unit, so parts add up in the same units.
        var (unit, exact) = unitOverride ?? ChooseUnit(net);
        var improved = !options.Classic;
        long Down(BigInteger x) => (long)(x / unit);
        long Up(BigInteger x) => (long)((x + unit - 1) / unit);

        var model = new CpModel();
        var x = new BoolVar[m];
        for (var s = 0; s < m; s++) x[s] = model.NewBoolVar($"x{s}");
        model.AddBoolOr(x);
        if (onlyService is { } only)
            for (var s = 0; s < m; s++) model.Add(x[s] == (s == only ? 1 : 0));
        var y = new BoolVar?[n];
        var pair = new Dictionary<(int, int), BoolVar>();
        var costs = new List<LinearExpr>();
        for (var v = 0; v < n; v++)
        {
            var sigma = Down(net.Operators[v].Stake);
            var edges = Enumerable.Range(0, m).Where(s => net.Allocation(v, s) != 0).ToArray();
            if (edges.Length == 0) continue;
            var yv = y[v] = model.NewBoolVar($"y{v}");
            // An operator only joins when a service it secures is attacked; otherwise it adds nothing and
            // loses nothing, so this loses no optimum and lets the cost be linear in the cases below.
            model.AddBoolOr(edges.Select(s => (ILiteral)x[s]).Append(yv.Not()));
            var weights = edges.Select(s => Down(net.Allocation(v, s))).ToArray();
            if (weights.All(w => w == sigma))
            {
                // Full reuse: min(σ, Σ σ·p) is σ as soon as one secured service is attacked.
                costs.Add(LinearExpr.Term(yv, sigma));
                continue;
            }
            var terms = new List<LinearExpr>();
            for (var i = 0; i < edges.Length; i++)
            {
                var p = model.NewBoolVar($"p{v}_{edges[i]}");
                pair[(v, edges[i])] = p;
                model.AddImplication(p, x[edges[i]]);
                model.AddImplication(p, yv);
                model.AddBoolOr([p, x[edges[i]].Not(), yv.Not()]);
                terms.Add(LinearExpr.Term(p, weights[i]));
            }
            if (weights.Sum() <= sigma)
            {
                // Unique stake: allocations never exceed the stake, so the min is the sum.
                costs.Add(LinearExpr.Sum(terms));
                continue;
            }
            var c = model.NewIntVar(0, sigma, $"c{v}");
            model.AddMinEquality(c, [LinearExpr.Sum(terms), LinearExpr.Constant(sigma)]);
            costs.Add(c);
        }
        // Shock variables z_v (operator removed before the attack); only operators that secure something matter.
        var z = new BoolVar?[n];
        if (psi is { } ps)
        {
            var budget = new List<LinearExpr>();
            for (var v = 0; v < n; v++)
            {
                if (y[v] is null) continue;
                z[v] = model.NewBoolVar($"z{v}");
                model.AddBoolOr([y[v]!.Not(), z[v]!.Not()]);
                budget.Add(LinearExpr.Term(z[v]!, Down(net.Operators[v].Stake) * ps.Den));
            }
            model.Add(LinearExpr.Sum(budget) <= (long)(ps.Num * net.TotalStake / unit));
        }
        for (var s = 0; s < m; s++)
        {
            // 10000·Σ_v w_vs·y_v ≥ α_bps·W_s in units. When the unit is not exact, the attackers' side rounds
            // up and the requirement down, so the scaled model admits every real attack (a relaxation).
            var rhs = (long)(net.Services[s].ThresholdBps * net.SecuringStake[s] / unit);
            var lhs = new List<LinearExpr>();
            for (var v = 0; v < n; v++)
            {
                var w = Up(net.Allocation(v, s));
                if (w == 0) continue;
                lhs.Add(LinearExpr.Term(y[v]!, w * RestakingNetwork.BpsDenominator));
                // A shocked operator's stake leaves W_s: α·w moves to the attackers' side.
                if (z[v] is { } zv) lhs.Add(LinearExpr.Term(zv, w * net.Services[s].ThresholdBps));
            }
            model.Add(LinearExpr.Sum(lhs) >= rhs).OnlyEnforceIf(x[s]);
            // The same row in linear form (its left side is never negative), for the LP relaxation.
            if (improved && psi is not null) model.Add(LinearExpr.Sum(lhs) - rhs * x[s] >= 0);
            if (improved && psi is null)
            {
                // The same condition as a plain linear row, 10000·Σ_v w_vs·p_vs ≥ α·W_s·x_s (valid as the left
                // side is never negative): it enters the LP relaxation, whose bound then is Σ(π_s − r_s) per
                // attacked set, and CP-SAT derives knapsack-cover cuts from it.
                var row = new List<LinearExpr>();
                for (var v = 0; v < n; v++)
                {
                    var w = Up(net.Allocation(v, s));
                    if (w == 0) continue;
                    row.Add(LinearExpr.Term(pair.TryGetValue((v, s), out var pv) ? pv : y[v]!, w * RestakingNetwork.BpsDenominator));
                }
                model.Add(LinearExpr.Sum(row) - rhs * x[s] >= 0);
                if (leastHeld is not null) model.Add(LinearExpr.Sum(row) - leastHeld[s] * RestakingNetwork.BpsDenominator * x[s] >= 0);
            }
        }
        var profitExpr = LinearExpr.WeightedSum(x, net.Services.Select(sv => Up(sv.ProfitFromCorruption)));
        var costExpr = LinearExpr.Sum(costs);
        if (objective == Objective.Net)
        {
            model.Maximize(profitWeight * profitExpr - costWeight * costExpr);
        }
        else
        {
            model.Add(profitExpr - costExpr >= 1);
            model.Maximize(costExpr);
        }

        if (objective == Objective.LargestValid && hint is { } valid)
        {
            // A valid attack with nobody shocked is a feasible point of the largest-attack and worst-shock models.
            for (var s = 0; s < m; s++) model.AddHint(x[s], valid.Services.Contains(s) ? 1 : 0);
            for (var v = 0; v < n; v++) if (y[v] is { } yv) model.AddHint(yv, valid.Operators.Contains(v) ? 1 : 0);
            for (var v = 0; v < n; v++) if (z[v] is { } zv) model.AddHint(zv, 0);
        }
        if (objective == Objective.Net && psi is null && onlyService is null && (improved ? Better(hint, Greedy.BestAttack(net)) : Greedy.BestSingleService(net)) is { } start)
        {
            // Start from the best greedy single-service attack so a time-limited run never reports worse.
            for (var s = 0; s < m; s++) model.AddHint(x[s], start.Services.Contains(s) ? 1 : 0);
            for (var v = 0; v < n; v++) if (y[v] is { } yv) model.AddHint(yv, start.Operators.Contains(v) ? 1 : 0);
        }
        var solver = new CpSolver
        {
            StringParameters = $"max_time_in_seconds:{options.TimeLimitSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} num_workers:{options.Workers} random_seed:1{(improved ? " linearization_level:2" : "")} {options.ExtraParameters}",
        };
        var status = solver.Solve(model);
        if (status == CpSolverStatus.Infeasible)
            return new SolveResult(SolveStatus.Infeasible, null, 0, 0, unit, exact);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
            return new SolveResult(SolveStatus.NoSolution, null, 0, BoundOf(solver) * unit, unit, exact);

        var attacked = Enumerable.Range(0, m).Where(s => solver.BooleanValue(x[s])).ToArray();
        // Keep only operators that secure an attacked service: the others add nothing and lose nothing.
        var attackers = Enumerable.Range(0, n)
            .Where(v => y[v] is { } yv && solver.BooleanValue(yv) && attacked.Any(s => net.Allocation(v, s) > 0))
            .ToArray();
        var shocked = Enumerable.Range(0, n).Where(v => z[v] is { } zv && solver.BooleanValue(zv)).ToArray();
        var attack = AttackRules.Evaluate(shocked.Length == 0 ? net : net.Without(shocked), attacked, attackers);
        // The objective read back exactly from integer values (the solver reports it as a double).
        var value = objective == Objective.Net
            ? (profitWeight * solver.Value(profitExpr) - costWeight * solver.Value(costExpr)) * unit
            : solver.Value(costExpr) * unit;
        var bound = BoundOf(solver) * unit;
        return new SolveResult(status == CpSolverStatus.Optimal ? SolveStatus.Optimal : SolveStatus.FeasibleWithBound, attack, value, bound, unit, exact)
        {
            Shocked = shocked,
        };
    }

    // The bound is a double that may sit a hair off an integer; all objective coefficients are integers,
    // so a bound within 1e-6 of an integer is that integer, and otherwise rounds up (stays a valid bound).
    private static BigInteger BoundOf(CpSolver solver)
    {
        var b = solver.BestObjectiveBound;
        var r = Math.Round(b);
        return new BigInteger(Math.Abs(b - r) < 1e-6 ? r : Math.Ceiling(b));
    }

    /// <summary>
    /// The scaling unit: the gcd of every stake, allocation and profit (lossless), or if that leaves
    /// numbers too big for int64 arithmetic, the smallest power of ten times the gcd that fits, with
    /// costs rounded down, profits and attackers' stake up, requirements down (exact=false): the scaled
    /// model is then a relaxation, its bound an upper bound on the real worst attack, and the attack it
    /// returns is re-checked exactly (null when it only existed through rounding).
    /// </summary>
    public static (BigInteger Unit, bool Exact) ChooseUnit(RestakingNetwork net)
    {
        ArgumentNullException.ThrowIfNull(net);
        var g = BigInteger.Zero;
        var max = BigInteger.Zero;
        void Take(BigInteger v)
        {
            if (v == 0) return;
            g = BigInteger.GreatestCommonDivisor(g, v);
            max = BigInteger.Max(max, v);
        }
        foreach (var o in net.Operators) Take(o.Stake);
        foreach (var s in net.Services) Take(s.ProfitFromCorruption);
        for (var v = 0; v < net.Operators.Count; v++)
            for (var s = 0; s < net.Services.Count; s++) Take(net.Allocation(v, s));
        if (g == 0) return (1, true);
        var total = net.TotalStake + net.Services.Aggregate(BigInteger.Zero, (a, s) => a + s.ProfitFromCorruption);
        var unit = g;
        var exact = true;
        while (total / unit > MaxScaled)
        {
            unit *= 10;
            exact = false;
        }
        return (unit, exact);
    }
}
