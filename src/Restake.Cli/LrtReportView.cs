using System.Globalization;
using Restake.Lrt.Report;
using Restake.Primitives;
using Spectre.Console;

namespace Restake.Cli;

/// <summary>The human view of `restake lrt report`: a comparison table of all LRTs, or one LRT in full.</summary>
internal static class LrtReportView
{
    private static string E(UInt256 wei) => LrtCommand.Eth(wei);

    private static string Rate(UInt256 wad) => Amounts.Format(wad, 18) is var s && s.Length > 12 ? s[..12] : Amounts.Format(wad, 18);

    public static void Comparison(IReadOnlyList<LrtReport> reports)
    {
        var t = new Table().Border(TableBorder.Rounded).AddColumns("LRT", "protocol", "rate (ETH)", "NAV (ETH)", "supply", "top operator", "HHI", "Nakamoto", "slashable / NAV", "queued (ETH)", "realized APR");
        foreach (var r in reports)
        {
            t.AddRow(r.Name, r.Facts.Protocol, Rate(r.Rate) + (r.Paused ? " (paused)" : ""), E(r.Nav), E(r.Supply),
                $"{r.Concentration.TopOperator} {r.Concentration.TopShare.Percent(1)}", r.Concentration.Hhi.ToString(CultureInfo.InvariantCulture),
                r.Concentration.Nakamoto.ToString(CultureInfo.InvariantCulture), r.SlashableShareOfNav.Percent(1), E(r.Liquidity.PendingValueEth), r.Yield.Annualized.Percent(2));
        }
        AnsiConsole.Write(t);
        AnsiConsole.MarkupLine("[grey]HHI 0-10,000 over each LRT's restaked value by operator; Nakamoto = fewest operators holding more than 1/3; realized APR = the rate's change since the first deposit, annualized, net of fees and losses.[/]");
        foreach (var r in reports)
        {
            var f = r.Facts;
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(r.Name)}[/] ({Markup.Escape(f.Protocol)}): {Markup.Escape(f.Repository)}; audits: {Markup.Escape(f.Audits)}");
            AnsiConsole.MarkupLine($"  mitigation: {Markup.Escape(f.Mitigations[0].What)} [grey]({Markup.Escape(f.Mitigations[0].Source)})[/]");
            AnsiConsole.MarkupLine($"  queue: {Markup.Escape(f.QueueRule)}");
        }
    }

    public static void Full(LrtReport r)
    {
        var f = r.Facts;
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(r.Name)}[/] — {Markup.Escape(f.Protocol)} ({LrtCommand.PresetName(r.Preset)}): rate {Rate(r.Rate)} ETH, NAV {E(r.Nav)} ETH, supply {E(r.Supply)}, books show {E(r.AccountedValue)} ETH{(r.Paused ? ", [red]paused[/]" : "")}");

        AnsiConsole.MarkupLine("\n[bold]Contract facts[/]");
        var facts = new Table().Border(TableBorder.Rounded).AddColumns("what", "fact", "source");
        facts.AddRow("open source", Markup.Escape(f.Repository), $"snapshot {Markup.Escape(f.Snapshot)}");
        facts.AddRow("audits", Markup.Escape(f.Audits), "reference/risk-lrt.md");
        facts.AddRow("profile", Markup.Escape(f.SeedProfile), "seed §8");
        foreach (var m in f.Mitigations)
        {
            facts.AddRow(m.OnEngine ? "mitigation" : "mitigation (not on engine)", Markup.Escape(m.What), Markup.Escape(m.Source));
        }
        facts.AddRow("fees", Markup.Escape(f.Fees), "");
        AnsiConsole.Write(facts);

        AnsiConsole.MarkupLine($"\n[bold]Operator concentration[/]: HHI {r.Concentration.Hhi} of 10,000, Nakamoto coefficient {r.Concentration.Nakamoto}, top operator {r.Concentration.TopOperator} with {r.Concentration.TopShare.Percent()}");
        var ops = new Table().Border(TableBorder.Rounded).AddColumns("operator", "restaked (ETH)", "share");
        foreach (var o in r.Concentration.Operators)
        {
            ops.AddRow(o.Operator, E(o.ValueEth), o.Share.Percent());
        }
        AnsiConsole.Write(ops);

        AnsiConsole.MarkupLine($"\n[bold]AVS exposure[/]: {E(r.SlashableEth)} ETH slashable in total, {r.SlashableShareOfNav.Percent()} of NAV");
        var avs = new Table().Border(TableBorder.Rounded).AddColumns("operator set", "operator", "strategy", "operator's slashable shares", "LRT's part (ETH)");
        foreach (var e in r.Exposure)
        {
            foreach (var l in e.Lines)
            {
                avs.AddRow(e.Set, l.Operator, l.Strategy, E(l.OperatorSlashableShares), E(l.ValueEth));
            }
            avs.AddRow($"[bold]{e.Set}[/]", "", "", "", $"[bold]{E(e.ValueEth)} ({e.ShareOfNav.Percent(1)} of NAV)[/]");
        }
        AnsiConsole.Write(avs);
        AnsiConsole.MarkupLine("[grey]Each set can slash only what the operators allocated to it. The same ETH also backs the beacon chain and serves every set an operator registered for, so a holder carries all of these risks at once; on this engine allocations are unique stake, so the sum stays within the restaked value.[/]");

        var q = r.Liquidity;
        AnsiConsole.MarkupLine("\n[bold]Withdrawal liquidity[/]");
        var liq = new Table().Border(TableBorder.Rounded).AddColumns("what", "value");
        liq.AddRow("restaked with operators", $"{E(q.RestakedEth)} ETH");
        liq.AddRow("on its way out of the engine", $"{E(q.EngineQueueEth)} ETH");
        liq.AddRow("idle (unrestaked)", $"{E(q.IdleEth)} ETH");
        liq.AddRow("queued LRT requests", $"{q.PendingRequests}: {E(q.PendingLrt)} {Markup.Escape(r.Name)} worth {E(q.PendingValueEth)} ETH at request");
        liq.AddRow("engine withdrawal delay", $"{q.DelayBlocks:N0} blocks ({q.DelayDays.ToString("0.##", CultureInfo.InvariantCulture)} days)");
        liq.AddRow("protocol's queue rule", $"{Markup.Escape(f.QueueRule)} [grey]({Markup.Escape(f.QueueSource)})[/]");
        liq.AddRow("upstream delay", Markup.Escape(f.UpstreamDelay));
        AnsiConsole.Write(liq);

        var y = r.Yield;
        AnsiConsole.MarkupLine("\n[bold]Realized yield, net of fees[/]");
        if (y.From is { } from)
        {
            AnsiConsole.MarkupLine($"rate {Rate(from.Rate)} at block {from.Block} ({StateDocumentTime(from.Time)}) → {Rate(y.To.Rate)} at block {y.To.Block} ({StateDocumentTime(y.To.Time)}): {y.Growth.Percent(4)}, annualized {y.Annualized.Percent()}");
        }
        AnsiConsole.MarkupLine($"fees taken: {E(y.FeesEth)} ETH ({y.FeesShareOfNav.Percent(3)} of NAV). {Markup.Escape(y.Note)}.");
    }

    private static string StateDocumentTime(long t) => Restake.Scenarios.StateDocument.FormatTime(t)[..10];
}
