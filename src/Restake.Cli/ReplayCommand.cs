using System.Globalization;
using Restake.Markets.Simulation;
using Restake.Plots;
using Restake.Primitives;
using Spectre.Console;

namespace Restake.Cli;

/// <summary>`restake replay ezeth-2024-04 [--out DIR]`: the April 2024 ezETH depeg, minute by minute, beside the published figures.</summary>
internal static class ReplayCommand
{
    public static readonly string[] Known = ["ezeth-2024-04"];

    public static int Execute(string name, string outDir)
    {
        if (name != "ezeth-2024-04")
        {
            Console.Error.WriteLine($"restake replay: no replay named '{name}' (known: {string.Join(", ", Known)})");
            return 2;
        }
        var settings = new EzEthReplay.Settings();
        var world = EzEthReplay.Build(settings);
        var poolStart = world.Pool.Balance(DepegWorld.Weth);
        var hfBefore = world.HealthFactors(0);
        world.RunUntil(EzEthReplay.Start + 26 * 60);
        var hfDuring = world.HealthFactors(0);
        world.RunUntil(EzEthReplay.End);
        var open = EzEthReplay.Build(settings with { WithdrawalsOpen = true });
        open.RunUntil(EzEthReplay.End);
        var withOpen = DepegSummary.Of(open, poolStart, open.Markets[0].Name);
        var harsher = settings with { PanicEzEth = settings.PanicEzEth + 300 };
        var harsh = EzEthReplay.Build(harsher);
        harsh.RunUntil(EzEthReplay.End);
        var withHarsh = DepegSummary.Of(harsh, poolStart, harsh.Markets[0].Name);
        var s = DepegSummary.Of(world, poolStart, world.Markets[0].Name);

        AnsiConsole.MarkupLine("[bold]ezETH depeg, 24 April 2024[/], replayed minute by minute (02:00–14:00 UTC). Amounts in ETH.");
        var timeline = new Table().Border(TableBorder.Rounded).AddColumns("time", "pool price", "oracle", "WETH in pool", "liquidations", "debt repaid", "bad debt", "underwater");
        var rows = world.Timeline.Where(m => Offset(m.Time) is var o && (o <= 60 * 60 && o % (5 * 60) == 0 || o % 3_600 == 0 || m.Liquidations > 0 && o > 60 * 60)).ToList();
        foreach (var m in rows)
        {
            timeline.AddRow(Clock(m.Time), Price(m.PoolPrice), Price(m.OraclePrice), Eth(m.PoolWeth, 0),
                m.Liquidations.ToString(CultureInfo.InvariantCulture), Eth(m.LiquidatedDebt, 1), Eth(m.BadDebt, 2), Eth(m.Underwater, 2));
        }
        AnsiConsole.Write(timeline);

        var figures = new Table().Border(TableBorder.Rounded).AddColumns("figure", "this run", "reference (risk-lrt.md §3.3)");
        var run = new[]
        {
            s.OracleBelowPeg is { } o ? Clock(o) : "never",
            s.FirstLiquidation is { } f ? Clock(f) : "none",
            $"{s.HighDoneBy0252} of {s.LiquidationsHigh}",
            s.LastLiquidation is { } l ? Clock(l) : "none",
            $"{Eth(s.BadDebtHigh, 2)} WETH",
            $"{Eth(s.PoolWethStart, 0)} → {Eth(s.PoolWethMin, 0)}",
        };
        for (var i = 0; i < run.Length; i++)
        {
            figures.AddRow(EzEthReplay.ReferenceFigures[i].What, run[i], EzEthReplay.ReferenceFigures[i].Reference);
        }
        figures.AddRow("liquidations in the 0.77 market", s.LiquidationsLow.ToString(CultureInfo.InvariantCulture), "–");
        figures.AddRow("lowest pool price", $"{Price(s.MinPoolPrice)} at {(s.MinPoolPriceAt is { } t ? Clock(t) : "-")}", "Uniswap printed ≈0.2 (a thinner pool)");
        figures.AddRow("first bad debt", s.BadDebtFirstAt is { } b ? $"{Clock(b)}, pool WETH {Eth(s.PoolWethAtFirstBadDebt, 0)}" : "none", "–");
        figures.AddRow($"with {harsher.PanicEzEth:N0} ezETH of panic selling", withHarsh.BadDebtFirstAt is { } hb
            ? $"bad debt {Eth(withHarsh.BadDebtHigh + withHarsh.BadDebtLow, 2)} WETH ({Eth(withHarsh.BadDebtHigh, 2)} in the 0.86 market), first at {Clock(hb)} with {Eth(withHarsh.PoolWethAtFirstBadDebt, 0)} WETH left in the pool"
            : "no bad debt", "–");
        figures.AddRow("had withdrawals been open", $"lowest price {Price(withOpen.MinPoolPrice)}, {withOpen.LiquidationsHigh} liquidations, bad debt {Eth(withOpen.BadDebtHigh, 2)} WETH", "they were not (risk-lrt.md §3.3)");
        AnsiConsole.Write(figures);
        AnsiConsole.MarkupLine("[grey]Set from the reference: the 0.86 LLTV market, ~7.6k WETH supplied (65 % by LRT Core), 146 loops of mostly 5×+, a market-price oracle, "
            + $"4k WETH in the pool, withdrawals shut. Assumed: pool amplification {settings.Amplification} with {settings.PoolWeth:N0} ezETH, {settings.Whales} large loops beside the 146, "
            + $"health factors {settings.HighHfMinMilli / 1000.0:0.000}–{settings.HighHfMaxMilli / 1000.0:0.000}, {settings.PanicEzEth:N0} ezETH of panic selling from 02:20, "
            + $"patient buyers below 0.99 from {Clock(EzEthReplay.Start + settings.BuyerFromMinute * 60)}, a liquidator keeping up to {settings.LiquidatorInventory:N0} ezETH and a flash-loan one dumping, 0.01 ETH gas, the 0.77 market.[/]");
        AnsiConsole.MarkupLine(s.BadDebtHigh.IsZero
            ? "[grey]No bad debt here: every loop was reached before its collateral fell below its debt. The event's 10.96 WETH came from the few positions liquidators reached late; `restake markets depeg-sweep` shows the depth at which bad debt begins, once the pool runs dry.[/]"
            : "[grey]Bad debt appeared once the pool ran dry: see the first-bad-debt row.[/]");

        var times = world.Timeline.Select(m => DateTime.UnixEpoch.AddSeconds(m.Time).ToOADate()).ToList();
        var written = new List<string>();
        written.AddRange(Chart.Lines(outDir, "ezeth-price", "ezETH in WETH: pool and oracle", "time (UTC)", "WETH per ezETH",
            [new Series("pool", times, world.Timeline.Select(m => m.PoolPrice.ToDouble() / 1e18).ToList()), new Series("oracle", times, world.Timeline.Select(m => m.OraclePrice.ToDouble() / 1e18).ToList())], xIsTime: true));
        written.AddRange(Chart.Lines(outDir, "ezeth-liquidations", "Debt repaid by liquidations, per minute", "time (UTC)", "WETH",
            [new Series("repaid", times, world.Timeline.Select(m => m.LiquidatedDebt.ToDouble() / 1e18).ToList())], xIsTime: true));
        written.AddRange(Chart.Lines(outDir, "ezeth-bad-debt", "Bad debt and pool depth", "time (UTC)", "WETH",
            [new Series("bad debt (realized)", times, world.Timeline.Select(m => m.BadDebt.ToDouble() / 1e18).ToList()),
             new Series("underwater (not yet realized)", times, world.Timeline.Select(m => m.Underwater.ToDouble() / 1e18).ToList()),
             new Series("WETH in pool / 100", times, world.Timeline.Select(m => m.PoolWeth.ToDouble() / 1e20).ToList())], xIsTime: true));
        var bins = Enumerable.Range(80, 51).Select(b => b / 100.0).ToList();
        written.AddRange(Chart.Lines(outDir, "ezeth-health-factors", "Health factors in the 0.86 market (positions per 0.01 bin)", "health factor", "positions",
            [new Series("02:00, before the depeg", bins, Histogram(hfBefore, bins)), new Series("02:26, the oracle below the peg", bins, Histogram(hfDuring, bins))]));
        AnsiConsole.MarkupLine($"Plots: {Markup.Escape(string.Join(", ", written))}");
        return 0;
    }

    private static long Offset(long t) => t - EzEthReplay.Start;

    /// <summary>Positions per bin [b, b + 0.01); the last bin takes everything above.</summary>
    private static List<double> Histogram(IReadOnlyList<UInt256> healthFactors, IReadOnlyList<double> bins)
    {
        var counts = new double[bins.Count];
        foreach (var hf in healthFactors)
        {
            var i = Math.Clamp((int)Math.Floor(hf.ToDouble() / 1e16) - 80, 0, bins.Count - 1);
            counts[i]++;
        }
        return [.. counts];
    }

    private static string Clock(long t) => DateTime.UnixEpoch.AddSeconds(t).ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Price(UInt256 wad) => (wad.ToDouble() / 1e18).ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Eth(UInt256 wei, int decimals) => (wei.ToDouble() / 1e18).ToString("N" + decimals, CultureInfo.InvariantCulture);
}
