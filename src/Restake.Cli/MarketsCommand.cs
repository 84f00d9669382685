using System.Globalization;
using Restake.Markets;
using Restake.Markets.Simulation;
using Restake.Plots;
using Restake.Primitives;
using Spectre.Console;

namespace Restake.Cli;

/// <summary>`restake markets depeg-sweep` and `restake markets staking-ratio`: the markets module's studies, as tables and plots.</summary>
internal static class MarketsCommand
{
    public static int DepegSweep(string outDir, int stepBps)
    {
        if (stepBps is < 10 or > 5_000)
        {
            Console.Error.WriteLine("restake markets depeg-sweep: --step is between 10 and 5,000 basis points");
            return 2;
        }
        var points = Restake.Markets.Simulation.DepegSweep.Run(stepBps: stepBps);
        var table = new Table().Border(TableBorder.Rounded).AddColumns("depeg depth", "lowest price", "liquidations", "bad debt (WETH)", "least WETH in pool");
        foreach (var p in points)
        {
            table.AddRow(Pct(p.DepthBps), P(p.MinPrice), p.Liquidations.ToString(CultureInfo.InvariantCulture), E(p.BadDebt, 2), E(p.PoolWethMin, 0));
        }
        AnsiConsole.MarkupLine("[bold]Depeg depth sweep[/]: the replay's 0.86 LLTV market (146 loops and 6 large ones, 7.6k WETH lent), the pool gapped to 1 − depth within a minute, then three hours of liquidations.");
        AnsiConsole.Write(table);
        var first = Restake.Markets.Simulation.DepegSweep.FirstBadDebt(points);
        AnsiConsole.MarkupLine(first is { } f
            ? $"Bad debt first appears at a depeg of [bold]{Pct(f)}[/], when the pool holds {E(points.First(p => p.DepthBps == f).PoolWethMin, 0)} WETH of the 4,000 it started with."
            : "No depth in the sweep leaves bad debt.");
        var depth = points.Select(p => p.DepthBps / 100.0).ToList();
        var files = Chart.Lines(outDir, "depeg-bad-debt", "Bad debt against depeg depth (0.86 LLTV market)", "depeg depth (%)", "WETH",
            [new Series("bad debt", depth, points.Select(p => p.BadDebt.ToDouble() / 1e18).ToList()),
             new Series("least WETH in pool / 10", depth, points.Select(p => p.PoolWethMin.ToDouble() / 1e19).ToList())]);
        AnsiConsole.MarkupLine($"Plots: {Markup.Escape(string.Join(", ", files))}");
        return 0;
    }

    public static int StakingRatioStudy(string outDir, double requiredLow, double requiredHigh, double feePct, double slashingPct)
    {
        if (requiredLow <= 0 || requiredHigh < requiredLow || requiredHigh >= 100 || feePct is < 0 or > 100 || slashingPct is < 0 or >= 100)
        {
            Console.Error.WriteLine("restake markets staking-ratio: give 0 < --required-low ≤ --required-high < 100 (percent), and --fee, --slashing-loss in percent");
            return 2;
        }
        var levels = new ulong[] { 0, 100_000, 250_000, 500_000 };
        var lowWad = Wad(requiredLow);
        var highWad = Wad(requiredHigh);
        var table = new Table().Border(TableBorder.Rounded).AddColumns("AVS rewards (ETH/yr)", "staked at equilibrium (M ETH)", "staking ratio", "consensus APR there", "net yield at 30M ETH");
        var series = new List<Series>();
        var staked = Enumerable.Range(10, 51).Select(m => (ulong)m * 1_000_000).ToList();
        foreach (var r in levels)
        {
            var model = new StakingRatio((UInt256)r * Restake.Primitives.Wad.Unit, FeeBps: (ulong)Math.Round(feePct * 100), ExpectedSlashingLossWad: r == 0 ? UInt256.Zero : Wad(slashingPct));
            var nHigh = model.Equilibrium(lowWad);
            var nLow = model.Equilibrium(highWad);
            table.AddRow(r.ToString("N0", CultureInfo.InvariantCulture), $"{nLow / 1e6:F1} – {nHigh / 1e6:F1}",
                $"{100.0 * nLow / StakingRatio.EtherSupply:F1} % – {100.0 * nHigh / StakingRatio.EtherSupply:F1} %",
                $"{Issuance.Apr(nHigh).ToDouble() / 1e16:F2} % – {Issuance.Apr(nLow).ToDouble() / 1e16:F2} %", $"{model.NetYield(30_000_000).ToDouble() / 1e16:F2} %");
            series.Add(new Series(r == 0 ? "no restaking" : $"{r:N0} ETH/yr to restakers", staked.Select(n => n / 1e6).ToList(), staked.Select(n => model.NetYield(n).ToDouble() / 1e16).ToList()));
        }
        AnsiConsole.MarkupLine($"[bold]Staking ratio[/] (seed FAQ Q6): stakers join while the net yield beats a required {requiredLow:F2}–{requiredHigh:F2} %; restaking fee {feePct:F0} %, expected slashing loss {slashingPct:F2} %/yr; supply {StakingRatio.EtherSupply / 1e6:F1}M ETH.");
        AnsiConsole.Write(table);
        var files = Chart.Lines(outDir, "staking-ratio", "Net staking yield against ETH staked", "ETH staked (millions)", "net yield (% a year)", series,
            [new Band("required yield (equilibrium band)", requiredLow, requiredHigh, OnY: true)]);
        AnsiConsole.MarkupLine($"Plots: {Markup.Escape(string.Join(", ", files))}");
        return 0;
    }

    private static UInt256 Wad(double percent) => (UInt256)(ulong)Math.Round(percent * 1e14) * 100UL;

    private static string Pct(int bps) => (bps / 100.0).ToString("0.##", CultureInfo.InvariantCulture) + " %";

    private static string P(UInt256 wad) => (wad.ToDouble() / 1e18).ToString("0.000", CultureInfo.InvariantCulture);

    private static string E(UInt256 wei, int decimals) => (wei.ToDouble() / 1e18).ToString("N" + decimals, CultureInfo.InvariantCulture);
}
