using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Restake.Marketplace;
using Restake.Scenarios;
using Spectre.Console;

namespace Restake.Cli;

/// <summary>`restake market FILE`: runs a security-marketplace scenario with a progress bar and writes its report folder.</summary>
internal static class MarketCommandLine
{
    public static Command Build()
    {
        var file = new Argument<string>("file") { Description = "a market file (docs/marketplace.md), e.g. scenarios/market/market-launch.yaml" };
        var outDir = new Option<string>("--out") { Description = "where to write the report (summary.md, CSV tables, charts, commands.yaml)", DefaultValueFactory = _ => "restake-market" };
        var json = new Option<bool>("--json") { Description = "print the summary as one JSON document instead of tables" };
        var budgetFor = new Option<string?>("--budget-for") { Description = "also search the cheapest budget per epoch with which this AVS reaches its required stake (re-runs the market)" };
        var within = new Option<int?>("--within") { Description = "with --budget-for: within this many epochs of launch (default: the rest of the run)" };
        var command = new Command("market", "Run a security marketplace: AVSs buy security, operators allocate, restakers choose operators; prices, yields, margins, bootstrapping, points.") { file, outDir, json, budgetFor, within };
        command.SetAction(parsed => Execute(parsed.GetValue(file)!, parsed.GetValue(outDir)!, parsed.GetValue(json), parsed.GetValue(budgetFor), parsed.GetValue(within)));
        return command;
    }

    public static int Execute(string path, string outDir, bool json, string? budgetFor = null, int? within = null)
    {
        if (!InputFile.TryRead("restake market", path, MarketFile.Parse, out var market))
        {
            return 2;
        }

        var studied = budgetFor is null ? null : market.Avss.FirstOrDefault(a => a.Name == budgetFor);
        if (budgetFor is not null && studied is null)
        {
            Console.Error.WriteLine($"restake market: --budget-for: no AVS '{budgetFor}' in {path} (it has: {string.Join(", ", market.Avss.Select(a => a.Name))})");
            return 2;
        }
        if (within is < 1)
        {
            Console.Error.WriteLine("restake market: --within is at least 1 epoch");
            return 2;
        }

        MarketResult result;
        BudgetSearch? search = null;
        try
        {
            if (studied is not null)
            {
                search = BudgetStudy.Cheapest(market, studied.Name, within ?? (market.Epochs - studied.LaunchEpoch));
            }
            if (json || Console.IsOutputRedirected)
            {
                result = MarketRun.Run(market);
            }
            else
            {
                MarketResult? done = null;
                AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .Start(ctx =>
                    {
                        var task = ctx.AddTask($"{Markup.Escape(market.Name)}: epochs", maxValue: market.Epochs);
                        done = MarketRun.Run(market, _ => task.Increment(1));
                    });
                result = done!;
            }
        }
        catch (MarketRunException e)
        {
            // A refused network step is the file's; a refused agent command is a bug in the agents' rules.
            Console.Error.WriteLine(e.Message.StartsWith("network step", StringComparison.Ordinal)
                ? $"restake market: {path}: {e.Message}"
                : $"restake market: {path}: an agent's command was refused (a bug in the agent rules, please report it): {e.Message}");
            return 1;
        }
        var summary = MarketSummary.Of(result);
        IReadOnlyList<string> written;
        try
        {
            written = MarketReport.Write(result, summary, outDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"restake market: cannot write the report to '{outDir}': {e.Message}");
            return 2;
        }
        if (json)
        {
            var node = JsonSerializer.SerializeToNode(summary, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })!.AsObject();
            node["tokens"] = new JsonArray(summary.Tokens.Select(t => (JsonNode)new JsonObject { ["token"] = t.Token, ["spent"] = t.Spent.ToString(), ["earned"] = t.Earned.ToString(), ["dust"] = t.Dust.ToString() }).ToArray());
            node["report"] = outDir;
            if (search is not null)
            {
                node["budget_search"] = new JsonObject
                {
                    ["avs"] = search.Avs, ["within"] = search.Within, ["cheapest"] = search.Cheapest?.ToString(),
                    ["tried"] = new JsonArray(search.Tried.Select(p => (JsonNode)new JsonObject
                    {
                        ["budget_per_epoch"] = p.BudgetPerEpoch.ToString(), ["epochs_to_required_stake"] = p.EpochsToRequiredStake, ["cost_eth"] = p.CostEth,
                    }).ToArray()),
                };
            }
            Console.Out.WriteLine(node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }
        Show(summary, market, result);
        if (search is not null)
        {
            var avs = market.Avss.First(a => a.Name == search.Avs);
            var t = new Table().Border(TableBorder.Rounded)
                .Title($"Budgets for {Markup.Escape(search.Avs)} to reach {MarketSummary.N(avs.RequiredStakeEth)} ETH of slashable stake within {search.Within} epochs")
                .AddColumns($"budget per epoch ({Markup.Escape(avs.Token)})", "epochs to the stake", "paid by then (ETH)");
            foreach (var p in search.Tried)
            {
                t.AddRow(Restake.Primitives.Amounts.Format(p.BudgetPerEpoch, 18), MarketSummary.Reached(p.EpochsToRequiredStake), MarketSummary.N(p.CostEth));
            }
            AnsiConsole.Write(t);
            AnsiConsole.MarkupLine(search.Cheapest is { } c
                ? $"Cheapest budget tried that does it: [bold]{Restake.Primitives.Amounts.Format(c, 18)} {Markup.Escape(avs.Token)}[/] an epoch."
                : "No budget tried reaches it in time.");
        }
        AnsiConsole.MarkupLine($"Report: [bold]{Markup.Escape(outDir)}[/] ({written.Count} files: summary.md, CSV tables, charts, commands.yaml — `restake run {Markup.Escape(Path.Combine(outDir, "commands.yaml"))}` replays the run).");
        return 0;
    }

    private static void Show(MarketSummary s, MarketFile f, MarketResult r)
    {
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(s.Name)}[/]: seed {s.Seed}, {s.Epochs} epochs of {f.EpochDays} day(s), {s.Commands} engine commands, state hash {s.StateHash[..16]}…");
        var avs = new Table().Border(TableBorder.Rounded).AddColumns("AVS", "launch", "required stake", "epochs to it", "paid by then (ETH)", "target CoC", "epochs to it", "paid by then (ETH)", "final slashable", "mean price", "a year", "final margin", "slashes");
        foreach (var a in s.Avss)
        {
            avs.AddRow(a.Avs, I(a.LaunchEpoch), MarketSummary.N(a.RequiredStakeEth), a.RequiredStakeEth > 0 ? MarketSummary.Reached(a.EpochsToRequiredStake) : "—", MarketSummary.N(a.CostToRequiredStakeEth),
                MarketSummary.N(a.TargetCostOfCorruptionEth), a.TargetCostOfCorruptionEth > 0 ? MarketSummary.Reached(a.EpochsToTarget) : "—", MarketSummary.N(a.CostToTargetEth), MarketSummary.N(a.FinalSlashableEth),
                a.MeanPriceEthPerEth.ToString("0.########", CultureInfo.InvariantCulture), MarketSummary.Yearly(a.MeanPriceEthPerEth, f.EpochDays), MarketSummary.N(a.FinalMarginEth), I(a.Slashes));
        }
        AnsiConsole.Write(avs);
        var earners = new Table().Border(TableBorder.Rounded).AddColumns("earner", "kind", "via", "stake (ETH)", "earned (ETH)", "mean yield / epoch", "a year", "points");
        foreach (var e in s.Earners)
        {
            earners.AddRow(e.Earner, e.Kind, e.Via, MarketSummary.N(e.StakeEth), e.EarnedEth.ToString("0.######", CultureInfo.InvariantCulture),
                (e.MeanYieldPerEpoch * 100).ToString("0.#####", CultureInfo.InvariantCulture) + " %", MarketSummary.Yearly(e.MeanYieldPerEpoch, f.EpochDays), MarketSummary.N(e.Points));
        }
        AnsiConsole.Write(earners);
        if (s.Bootstrap is { } routes)
        {
            var t = new Table().Border(TableBorder.Rounded).Title($"Bootstrapping to a cost of corruption of {MarketSummary.N(s.BootstrapTargetEth ?? 0)} ETH").AddColumns("route", "epochs to target", "cost (ETH)");
            foreach (var route in routes)
            {
                t.AddRow(route.Name, MarketSummary.Reached(route.EpochsToTarget), MarketSummary.N(route.CostEth));
            }
            AnsiConsole.Write(t);
        }
        if (s.Points is { } points)
        {
            var t = new Table().Border(TableBorder.Rounded).Title("Points before paid rewards (FAQ Q2)").AddColumns("earner", "points", "promised (ETH)", "promised / ETH-day", "delivered (ETH)", "delivered / ETH-day");
            foreach (var p in points)
            {
                t.AddRow(p.Earner, MarketSummary.N(p.Points), p.PromisedEth.ToString("0.######", CultureInfo.InvariantCulture), p.PromisedPerEthDay.ToString("0.##########", CultureInfo.InvariantCulture),
                    p.DeliveredEth.ToString("0.######", CultureInfo.InvariantCulture), p.DeliveredPerEthDay.ToString("0.##########", CultureInfo.InvariantCulture));
            }
            AnsiConsole.Write(t);
        }
        foreach (var d in r.Decisions.Where(d => d.Text.StartsWith("shock", StringComparison.Ordinal) || d.Text.StartsWith("deallocates", StringComparison.Ordinal) || d.Text.StartsWith("leaves", StringComparison.Ordinal)).Take(20))
        {
            AnsiConsole.MarkupLine($"  [grey]epoch {d.Epoch}[/] {Markup.Escape(d.Agent)}: {Markup.Escape(d.Text)}");
        }
        foreach (var t in s.Tokens)
        {
            AnsiConsole.MarkupLine($"{t.Token}: budgets spent {t.Spent} base units = rewards earned {t.Earned} + rounding dust {t.Dust}");
        }
    }

    private static string I(int x) => x.ToString(CultureInfo.InvariantCulture);
}
