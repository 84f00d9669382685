using System.Reflection;
using Restake.Lrt.OnEngine;
using Restake.Primitives;
using Restake.Protocol;
using Restake.Protocol.State;
using Restake.Scenarios;
using Spectre.Console;

namespace Restake.Cli;

/// <summary>`restake demo`: the seed's story (scenarios/seed-story.yaml), told chapter by chapter with tables: EigenLayer's stages, then the liquid restaking tokens on the same network.</summary>
internal static class DemoCommand
{
    public static int Execute(string output, bool json)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("seed-story.yaml")!;
        using var reader = new StreamReader(stream);
        var scenario = ScenarioParser.Parse(reader.ReadToEnd());

        var chapter = 0;
        var lrts = new LrtBook();
        var result = ScenarioRunner.Run(scenario, (report, engine) =>
        {
            if (json)
            {
                return;
            }
            if (report.Step.Action is NoteStep note)
            {
                if (chapter > 0)
                {
                    Tables(engine.State, lrts);
                }
                chapter++;
                AnsiConsole.WriteLine();
                AnsiConsole.Write(new Rule($"[bold yellow]{chapter}[/]").LeftJustified());
                AnsiConsole.MarkupLine($"[bold]{Markup.Escape(note.Text)}[/]");
            }
            else if (report.Step.ExpectRevert is not null && report.Passed)
            {
                AnsiConsole.MarkupLine($"  [grey]refused as it should be:[/] {Markup.Escape(report.Step.Verb)} → [red]{Markup.Escape(report.Step.ExpectRevert)}[/]");
            }
            else if (!report.Passed)
            {
                AnsiConsole.MarkupLine($"  [red]{Markup.Escape(report.Detail)}[/]");
            }
        }, lrts);

        var state = StateDocument.ToJson(result.State());
        if (json)
        {
            Console.Out.WriteLine(state);
        }
        else
        {
            Tables(result.Engine.State, lrts);
            Stakers(result.Engine.State);
        }
        File.WriteAllText(output, state);
        if (result.Failure is not null)
        {
            Console.Error.WriteLine($"restake demo: {result.Failure}");
            return 1;
        }
        if (!json)
        {
            AnsiConsole.MarkupLine($"\nThe final state is in [bold]{Markup.Escape(output)}[/]. Run your own story: [bold]./restake run scenarios/<file>.yaml[/]");
        }
        return 0;
    }

    private static void Tables(NetworkState s, LrtBook lrts)
    {
        AnsiConsole.MarkupLine($"  [grey]block {s.Block}, {StateDocument.FormatTime(s.Time)}, stage {s.Stage}[/]");
        var strategies = new Table().Border(TableBorder.Rounded).AddColumns("strategy", "deposited", "shares", "cap per deposit", "cap total", "slashed, to burn");
        UInt256 tvl = UInt256.Zero;
        foreach (var st in s.Strategies.Values.Where(x => !x.TotalShares.IsZero || x.MaxTotalDeposits is not null).OrderBy(x => x.Index))
        {
            var held = st.IsBeacon ? st.TotalShares : st.Balance;
            tvl += held;
            strategies.AddRow(st.Name, Eth(held), Eth(st.TotalShares), Cap(st.MaxPerDeposit), Cap(st.MaxTotalDeposits), Eth(st.BurnableShares));
        }
        strategies.Caption($"restaked: {Eth(tvl)} ETH-equivalent");
        AnsiConsole.Write(strategies);
        if (s.Operators.Count == 0)
        {
            return;
        }
        var operators = new Table().Border(TableBorder.Rounded).AddColumns("operator", "delegators", "strategy", "delegated", "max magnitude", "allocated", "slashable");
        foreach (var op in s.Operators.Values.OrderBy(o => o.Name, StringComparer.Ordinal))
        {
            foreach (var os in op.Strategies)
            {
                var allocated = os.Allocations.Aggregate(0UL, (sum, a) => sum + s.UpdatedAllocation(os, a.Key).Current);
                var slashable = op.Registrations.Keys.Aggregate(UInt256.Zero, (sum, set) => sum + s.SlashableStake(op, set, os.Strategy));
                operators.AddRow(op.Name, op.DelegatorCount.ToString(System.Globalization.CultureInfo.InvariantCulture), os.Strategy.Name, Eth(os.Shares),
                    Amounts.Format(os.MaxMagnitude, 18), Amounts.Format(allocated, 18), Eth(slashable));
            }
        }
        AnsiConsole.Write(operators);
        Lrts(s, lrts);
    }

    /// <summary>Each liquid restaking token: what it is worth, what backs it and with whom.</summary>
    private static void Lrts(NetworkState s, LrtBook book)
    {
        if (book.Vaults.Count == 0)
        {
            return;
        }
        var table = new Table().Border(TableBorder.Rounded).AddColumns("LRT", "protocol", "supply", "NAV (ETH)", "rate (ETH)", "operators (ETH restaked)");
        foreach (var v in book.Vaults.Values)
        {
            var operators = string.Join(", ", v.OperatorValues(s).Select(o => $"{o.Key} {Eth(o.Value)}"));
            table.AddRow(v.Name, LrtCommand.PresetName(v.Preset), Eth(v.Token.TotalSupply), Eth(v.Nav(s)), Eth(v.Rate(s)), operators);
        }
        AnsiConsole.Write(table);
    }

    private static void Stakers(NetworkState s)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("staker", "delegated to", "strategy", "deposit shares", "withdrawable", "wallet");
        foreach (var st in s.Stakers.Values.OrderBy(x => x.Name, StringComparer.Ordinal))
        {
            foreach (var p in st.AllPositions)
            {
                var wallet = s.BalanceOf(st.Name, p.Strategy.IsBeacon ? ProtocolConstants.NativeToken : p.Strategy.Token.Symbol);
                table.AddRow(st.Name, st.DelegatedTo ?? "-", p.Strategy.Name, Eth(p.DepositShares), Eth(s.WithdrawableShares(st, p)), Eth(wallet));
            }
        }
        AnsiConsole.Write(table);
    }

    private static string Eth(UInt256 wei)
    {
        var text = Amounts.Format(wei, 18);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot >= 0 && text.Length - dot > 7 ? text[..(dot + 7)] + "…" : text;
    }

    private static string Cap(UInt256? cap) => cap is { } c ? Eth(c) : "none";
}
