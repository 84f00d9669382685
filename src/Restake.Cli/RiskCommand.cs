using System.Globalization;
using System.Numerics;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Restake.Primitives;
using Restake.Protocol.State;
using Restake.Risk;
using Restake.Scenarios;
using Spectre.Console;

namespace Restake.Cli;

/// <summary>
/// `restake risk [FILE]`: the security report of a network (the demo network by default, or a scenario's final state):
/// per operator set its cost of corruption against the profit from corrupting it, the most profitable attack, the worst
/// loss after a ψ shock, operator concentration; each solver result says whether it is proven optimal.
/// </summary>
internal static class RiskCommand
{
    public sealed record Settings(string? Scenario, string[] Profits, int ProfitShareBps, int ThresholdBps, int PsiBps, double TimeLimit)
    {
        /// <summary>`--synthetic mainnet`: analyse the calibrated synthetic network instead of a scenario.</summary>
        public string? Synthetic { get; init; }

        public int Seed { get; init; } = 1;

        /// <summary>`--condition SET=NAME:MAX_BPS[:PROB_BPS]`: slashing conditions the AVSs declare.</summary>
        public string[] Conditions { get; init; } = [];

        /// <summary>`--json`: the report as one JSON document instead of tables.</summary>
        public bool Json { get; init; }
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    // Markup goes to the console only for the table report; --json prints one document at the end.
    private static void Say(Settings o, string markup)
    {
        if (!o.Json) AnsiConsole.MarkupLine(markup);
    }

    private static void Show(Settings o, Table table)
    {
        if (!o.Json) AnsiConsole.Write(table);
    }

    private static JsonNode Wei(BigInteger v) => JsonValue.Create(v.ToString(CultureInfo.InvariantCulture));

    public static int Execute(Settings o)
    {
        if (o.ProfitShareBps is < 0 or > 1_000_000 || o.ThresholdBps is <= 0 or > 10_000 || o.PsiBps is < 0 or > 10_000 || o.TimeLimit is <= 0 or > 3_600)
        {
            Console.Error.WriteLine("restake risk: --profit-share is 0–1,000,000 bps, --threshold 1–10,000 bps, --psi 0–10,000 bps, --time-limit 0–3,600 s");
            return 2;
        }
        if (o.Synthetic is not null) return Synthetic(o);
        Scenario? scenario;
        if (o.Scenario is null)
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("seed-story.yaml")!;
            using var reader = new StreamReader(stream);
            scenario = ScenarioParser.Parse(reader.ReadToEnd());
        }
        else if (RunCommand.Load(o.Scenario, out scenario) is var code && scenario is null)
        {
            return code;
        }
        var run = ScenarioRunner.Run(scenario);
        if (run.Failure is not null)
        {
            Console.Error.WriteLine($"restake risk: {o.Scenario ?? "the demo network"}: {run.Failure}");
            return run.ExitCode;
        }
        var state = run.Engine.State;
        var sets = state.Avss.Values.SelectMany(a => a.Sets.Values).OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
        if (sets.Count == 0)
        {
            Console.Error.WriteLine("restake risk: the network has no operator set to attack");
            return 1;
        }
        if (!TryDeclarations(o, state, sets, out var declarations, out var assumed, out var error)
            || !TryConditions(o, sets, out var conditions, out error))
        {
            Console.Error.WriteLine($"restake risk: {error}");
            return 2;
        }
        RestakingNetwork net;
        try
        {
            SlashingConditions.Validate(state, conditions);
            net = EngineNetwork.FromState(state, declarations);
        }
        catch (RiskModelException e)
        {
            Console.Error.WriteLine($"restake risk: {e.Message}");
            return 2;
        }
        var doc = new JsonObject
        {
            ["network"] = new JsonObject
            {
                ["source"] = o.Scenario ?? "scenarios/seed-story.yaml",
                ["block"] = state.Block,
                ["operators"] = net.Operators.Count,
                ["operatorSets"] = net.Services.Count,
                ["totalStakeWei"] = Wei(net.TotalStake),
            },
            ["assumedProfits"] = new JsonArray([.. assumed.Select(a => JsonValue.Create(a))]),
        };
        Say(o, $"[bold]Security report[/] of {Markup.Escape(o.Scenario ?? "the demo network (scenarios/seed-story.yaml)")} at block {state.Block}: {net.Operators.Count} operators, {net.Services.Count} operator sets, {Eth(net.TotalStake)} ETH delegated.");
        Say(o, assumed.Count == 0 ? "Profits from corruption as declared."
            : $"[grey]Assumed (no --profit given): {Markup.Escape(string.Join(", ", assumed))} — profit from corruption {o.ProfitShareBps / 100.0:0.##} % of the stake securing the set, attack threshold {o.ThresholdBps / 100.0:0.##} %.[/]");
        var status = Report(net, o, doc);
        LrtExposure(state, run.Lrts, o, doc);
        ConditionTable(SlashingConditions.Of(state, run.Lrts, conditions), conditions, o, doc);
        if (o.Json) Console.WriteLine(doc.ToJsonString(Indented));
        return status;
    }

    // LRTs as holders: what each operator set can slash of each LRT, and each holder's pro-rata part of it.
    private static void LrtExposure(NetworkState state, Restake.Lrt.OnEngine.LrtBook lrts, Settings o, JsonObject doc)
    {
        var sets = LrtHolders.Sets(state, lrts);
        if (sets.Count == 0) return;
        var table = new Table().Border(TableBorder.Rounded).AddColumns("LRT", "operator set", "slashable (ETH)", "share of NAV");
        var json = new JsonArray();
        foreach (var e in sets)
        {
            table.AddRow(e.Lrt, e.OperatorSet, Eth(e.Slashable), e.Nav.IsZero ? "–" : $"{(double)(e.Slashable * 1_000_000 / e.Nav) / 10_000:0.##} %");
            json.Add(new JsonObject { ["lrt"] = e.Lrt, ["operatorSet"] = e.OperatorSet, ["slashableWei"] = Wei(e.Slashable), ["navWei"] = Wei(e.Nav), ["supply"] = Wei(e.Supply) });
        }
        Say(o, "[bold]LRT exposure[/]: what each operator set can slash of each liquid restaking token (its node delegators' part of their operators' slashable stake; the sum over sets can exceed NAV).");
        Show(o, table);
        var holders = new Table().Border(TableBorder.Rounded).AddColumns("holder", "LRT", "balance", "operator set", "slashable (ETH, pro rata)");
        var holdersJson = new JsonArray();
        foreach (var h in LrtHolders.Holders(state, lrts))
        {
            holders.AddRow(Markup.Escape(h.Holder), h.Lrt, Eth(h.Balance), h.OperatorSet, Eth(h.Slashable));
            holdersJson.Add(new JsonObject { ["holder"] = h.Holder, ["lrt"] = h.Lrt, ["balance"] = Wei(h.Balance), ["operatorSet"] = h.OperatorSet, ["slashableWei"] = Wei(h.Slashable) });
        }
        Say(o, "LRT holders' exposure: each holder's share of the supply times what the set can slash of the LRT.");
        Show(o, holders);
        doc["lrtExposure"] = json;
        doc["lrtHolderExposure"] = holdersJson;
    }

    // The exposure graph's last layer: per holder and declared slashing condition, the stake one fault can slash.
    private static void ConditionTable(IReadOnlyList<ConditionExposure> rows, IReadOnlyList<SlashingCondition> conditions, Settings o, JsonObject doc)
    {
        if (conditions.Count == 0) return;
        var table = new Table().Border(TableBorder.Rounded).AddColumns("holder", "kind", "operator set", "condition", "at stake (ETH)", "expected loss (ETH a year)");
        var json = new JsonArray();
        foreach (var r in rows)
        {
            var kind = r.Kind switch { HolderKind.Restaker => "restaker", HolderKind.Lrt => "LRT", _ => $"holder of {r.Lrt}" };
            table.AddRow(Markup.Escape(r.Holder), Markup.Escape(kind), r.OperatorSet, Markup.Escape(r.Condition), Eth(r.AtStake), r.ExpectedLoss is { } l ? Eth(l) : "–");
            json.Add(new JsonObject
            {
                ["holder"] = r.Holder,
                ["kind"] = r.Kind switch { HolderKind.Restaker => "restaker", HolderKind.Lrt => "lrt", _ => "lrtHolder" },
                ["lrt"] = r.Lrt,
                ["operatorSet"] = r.OperatorSet,
                ["condition"] = r.Condition,
                ["atStakeWei"] = Wei(r.AtStake),
                ["expectedLossWeiPerYear"] = r.ExpectedLoss is { } e ? Wei(e) : null,
            });
        }
        Say(o, $"[bold]Slashing conditions[/]: what one proven fault of each declared condition can slash of each holder ({conditions.Count} condition(s); amounts rounded down; expected loss = at stake × probability a year).");
        if (rows.Count == 0) Say(o, "[grey]No holder has stake at any declared condition.[/]");
        else Show(o, table);
        doc["slashingConditions"] = new JsonArray([.. conditions.Select(c => (JsonNode)new JsonObject
        {
            ["operatorSet"] = c.OperatorSet, ["name"] = c.Name, ["maxBps"] = c.MaxBps, ["probabilityBps"] = c.ProbabilityBps,
        })]);
        doc["conditionExposure"] = json;
    }

    private static int Synthetic(Settings o)
    {
        if (o.Synthetic != "mainnet")
        {
            Console.Error.WriteLine($"restake risk: --synthetic '{o.Synthetic}': the only synthetic network is 'mainnet'");
            return 2;
        }
        if (o.Scenario is not null || o.Profits.Length > 0 || o.Conditions.Length > 0)
        {
            Console.Error.WriteLine("restake risk: --synthetic mainnet takes no scenario file, --profit or --condition (its AVSs declare their own; it has no restakers)");
            return 2;
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var net = SyntheticNetwork.Mainnet(o.Seed);
        var doc = new JsonObject
        {
            ["network"] = new JsonObject
            {
                ["source"] = "synthetic mainnet", ["seed"] = o.Seed, ["operators"] = net.Operators.Count,
                ["operatorSets"] = net.Services.Count, ["totalStakeWei"] = Wei(net.TotalStake),
            },
        };
        Say(o, $"[bold]Security report[/] of the synthetic mainnet network (seed {o.Seed}; calibrated to published totals, see docs/risk.md): {net.Operators.Count} operators, {net.Services.Count} AVSs, {Eth(net.TotalStake)} ETH restaked, unique stake.");
        Say(o, "[grey]Profits from corruption and thresholds are drawn per AVS (5–60 % of the stake securing it; 33.34, 50 or 66.67 %).[/]");
        var code = Report(net, o, doc);
        Say(o, $"[grey]Analysed in {clock.Elapsed.TotalSeconds:0.0} s.[/]");
        if (o.Json) Console.WriteLine(doc.ToJsonString(Indented));
        return code;
    }

    private static int Report(RestakingNetwork net, Settings o, JsonObject doc)
    {
        var options = new SolverOptions(o.TimeLimit);

        var table = new Table().Border(TableBorder.Rounded).AddColumns("operator set", "stake securing it (ETH)", "profit from corruption (ETH)", "threshold", "cost of corruption (ETH)", "margin (cost/profit)", "proven");
        var rows = new List<(string Set, BigInteger Securing, BigInteger Profit, int Threshold, SolveResult Cost)>();
        // One solve per set: a tenth of the limit each (at least 1 s), so fifty sets stay within the report's budget.
        var perSet = options with { TimeLimitSeconds = Math.Max(1, o.TimeLimit / 10) };
        for (var s = 0; s < net.Services.Count; s++)
        {
            var svc = net.Services[s];
            rows.Add((svc.Name, net.SecuringStake[s], svc.ProfitFromCorruption, svc.ThresholdBps, AttackSolver.CostOfCorruption(net, s, perSet)));
        }
        var setsJson = new JsonArray();
        foreach (var r in rows.OrderBy(r => Margin(r.Cost, r.Profit)))
        {
            var cost = r.Cost.Attack?.Cost;
            table.AddRow(r.Set, Eth(r.Securing), Eth(r.Profit), $"{r.Threshold / 100.0:0.##} %", cost is { } c ? Eth(c) : "cannot be reached",
                cost is { } c2 && !r.Profit.IsZero ? ((double)c2 / (double)r.Profit).ToString("0.00", CultureInfo.InvariantCulture) + "×" : "–", Proven(r.Cost));
            setsJson.Add(new JsonObject
            {
                ["operatorSet"] = r.Set, ["securingWei"] = Wei(r.Securing), ["profitFromCorruptionWei"] = Wei(r.Profit), ["thresholdBps"] = r.Threshold,
                ["costOfCorruptionWei"] = cost is { } c3 ? Wei(c3) : null, ["result"] = Result(r.Cost),
            });
        }
        Show(o, table);
        doc["costOfCorruption"] = setsJson;

        var worst = AttackSolver.MostProfitable(net, options);
        doc["mostProfitableAttack"] = new JsonObject
        {
            ["profitable"] = worst.Attack is { IsProfitable: true },
            ["operators"] = new JsonArray([.. (worst.Attack?.Operators ?? []).Select(i => JsonValue.Create(net.Operators[i].Name))]),
            ["operatorSets"] = new JsonArray([.. (worst.Attack?.Services ?? []).Select(i => JsonValue.Create(net.Services[i].Name))]),
            ["profitWei"] = worst.Attack is { } wa ? Wei(wa.Profit) : null,
            ["costWei"] = worst.Attack is { } wb ? Wei(wb.Cost) : null,
            ["result"] = Result(worst),
        };
        if (worst.Attack is { } a && a.IsProfitable)
        {
            Say(o, $"[red]Most profitable attack[/]: operators {Markup.Escape(Names(a.Operators, i => net.Operators[i].Name))} corrupt {Markup.Escape(Names(a.Services, i => net.Services[i].Name))}, gaining {Eth(a.Profit)} ETH for {Eth(a.Cost)} ETH slashed (net {Eth(a.Net)}); {Proven(worst)}.");
        }
        else
        {
            Say(o, $"[green]No profitable attack[/]: every coalition loses more stake than it gains ({Proven(worst)}; best net {Eth(worst.ObjectiveValue)} ETH, bound {Eth(worst.ObjectiveBound)}).");
        }

        var shock = AttackSolver.WorstShock(net, o.PsiBps, 10_000, options, worst.Attack);
        var loss = shock.Attack?.Cost ?? BigInteger.Zero;
        var lostFirst = shock.Shocked.Count == 0 ? "no operator needs to be lost first" : $"losing {Names(shock.Shocked, i => net.Operators[i].Name)} first";
        doc["cascade"] = new JsonObject
        {
            ["psiBps"] = o.PsiBps,
            ["shocked"] = new JsonArray([.. shock.Shocked.Select(i => JsonValue.Create(net.Operators[i].Name))]),
            ["lossWei"] = Wei(loss),
            ["result"] = Result(shock),
        };
        if (shock.Status == SolveStatus.NoSolution)
            Say(o, $"Worst cascade within a {o.PsiBps / 100.0:0.##} % shock: {Proven(shock)}.");
        else
            Say(o, $"Worst cascade within a {o.PsiBps / 100.0:0.##} % shock: {Markup.Escape(lostFirst)}, attacks then destroy {Eth(loss)} ETH of stake; {Proven(shock)}.");

        var concentration = net.Operators.Select(op => (op.Name, op.Stake)).OrderByDescending(x => x.Stake).ToList();
        var total = net.TotalStake;
        if (total > 0)
        {
            var hhi = concentration.Aggregate(BigInteger.Zero, (h, x) => h + x.Stake * x.Stake) * 10_000 / (total * total);
            var top = concentration[0];
            doc["concentration"] = new JsonObject { ["hhi"] = (int)hhi, ["largest"] = top.Name, ["largestStakeWei"] = Wei(top.Stake) };
            Say(o, $"Operator concentration: HHI {hhi} of 10,000; largest {Markup.Escape(top.Name)} with {(double)(top.Stake * 10_000 / total) / 100:0.##} % of delegated stake.");
        }
        return 0;
    }

    private static double Margin(SolveResult cost, BigInteger profit) =>
        cost.Attack is { } a && !profit.IsZero ? (double)a.Cost / (double)profit : double.MaxValue;

    // A solver result for --json: its status, whether it is proven, the objective and its proven bound.
    private static JsonObject Result(SolveResult r) => new()
    {
        ["status"] = r.Status.ToString(),
        ["proven"] = (r.Status == SolveStatus.Optimal && r.ExactScaling) || r.Status == SolveStatus.Infeasible,
        ["summary"] = Proven(r),
        ["objectiveWei"] = Wei(r.ObjectiveValue),
        ["boundWei"] = Wei(r.ObjectiveBound),
    };

    private static string Proven(SolveResult r) => r.Status switch
    {
        SolveStatus.Optimal => r.ExactScaling ? "proven optimal" : "optimal on a rounded model",
        SolveStatus.FeasibleWithBound => $"not proven: bound {Eth(r.ObjectiveBound)}{Gap(r)}",
        SolveStatus.Infeasible => "proven: none exists",
        _ => $"no answer within the time limit (bound {Eth(r.ObjectiveBound)})",
    };

    // The proven gap between the answer and the bound, relative to the answer, when both are positive.
    private static string Gap(SolveResult r) =>
        r.ObjectiveValue > 0 && r.ObjectiveBound >= r.ObjectiveValue
            ? $", within {(double)(r.ObjectiveBound - r.ObjectiveValue) * 100 / (double)r.ObjectiveValue:0.###} %"
            : "";

    // Long coalitions (mainnet size) are cut after a dozen names, with the count of the rest.
    private static string Names(IEnumerable<int> ids, Func<int, string> name)
    {
        var list = ids.ToList();
        if (list.Count == 0) return "none";
        var shown = string.Join(", ", list.Take(12).Select(name));
        return list.Count > 12 ? $"{shown} and {list.Count - 12} more ({list.Count} in all)" : shown;
    }

    private static string Eth(BigInteger wei) => ((double)wei / 1e18).ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>--profit SET=ETH[:BPS] declares a set's profit from corruption (and threshold); undeclared sets get the assumed share.</summary>
    private static bool TryDeclarations(Settings o, NetworkState state, IReadOnlyList<OperatorSet> sets, out Dictionary<string, SetDeclaration> declarations, out List<string> assumed, out string error)
    {
        declarations = new(StringComparer.Ordinal);
        assumed = [];
        error = "";
        foreach (var p in o.Profits)
        {
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            var key = eq > 0 ? p[..eq] : "";
            if (state.OperatorSetByKey(key) is null)
            {
                error = $"--profit '{p}': give SET=ETH[:BPS] with SET one of {string.Join(", ", sets.Select(s => s.Key))}";
                return false;
            }
            var parts = p[(eq + 1)..].Split(':');
            if (!Amounts.TryParseToken(parts[0], 18, out var wei, out var why) || parts.Length > 2
                || (parts.Length == 2 && (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var b) || b is <= 0 or > 10_000)))
            {
                error = $"--profit '{p}': {(why.Length > 0 ? why : "the threshold is 1–10,000 bps")}";
                return false;
            }
            declarations[key] = new SetDeclaration(wei, parts.Length == 2 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : o.ThresholdBps);
        }
        var declared = declarations;
        foreach (var set in sets.Where(s => !declared.ContainsKey(s.Key)))
        {
            var securing = state.Operators.Values.Aggregate(BigInteger.Zero, (a, op) => a + set.Strategies.Aggregate(BigInteger.Zero, (b, st) => b + (BigInteger)state.SlashableStake(op, set, st)));
            declarations[set.Key] = new SetDeclaration(securing * o.ProfitShareBps / 10_000, o.ThresholdBps);
            assumed.Add(set.Key);
        }
        return true;
    }

    /// <summary>--condition SET=NAME:MAX_BPS[:PROB_BPS]: a slashing condition an AVS declares for one of its sets.</summary>
    private static bool TryConditions(Settings o, IReadOnlyList<OperatorSet> sets, out List<SlashingCondition> conditions, out string error)
    {
        conditions = [];
        error = "";
        foreach (var c in o.Conditions)
        {
            var eq = c.IndexOf('=', StringComparison.Ordinal);
            var key = eq > 0 ? c[..eq] : "";
            if (!sets.Any(s => s.Key == key))
            {
                error = $"--condition '{c}': give SET=NAME:MAX_BPS[:PROB_BPS] with SET one of {string.Join(", ", sets.Select(s => s.Key))}";
                return false;
            }
            var parts = c[(eq + 1)..].Split(':');
            int max = 0, prob = 0;
            if (parts.Length is < 2 or > 3 || parts[0].Trim().Length == 0)
            {
                error = $"--condition '{c}': give SET=NAME:MAX_BPS[:PROB_BPS] with a non-empty NAME";
                return false;
            }
            if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out max) || max is < 1 or > 10_000)
            {
                error = $"--condition '{c}': MAX_BPS is a whole number of bps, 1–10,000";
                return false;
            }
            if (parts.Length == 3 && (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out prob) || prob > 10_000))
            {
                error = $"--condition '{c}': PROB_BPS is a whole number of bps a year, 0–10,000";
                return false;
            }
            if (conditions.Any(x => x.OperatorSet == key && x.Name == parts[0]))
            {
                error = $"--condition '{c}': {key} already has a condition named {parts[0]}";
                return false;
            }
            conditions.Add(new SlashingCondition(key, parts[0], max, parts.Length == 3 ? prob : null));
        }
        return true;
    }
}
