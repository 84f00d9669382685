using System.Globalization;
using System.Text;
using Restake.Plots;

namespace Restake.Marketplace;

/// <summary>
/// The report folder of a market run: summary.md, the tables as CSV, commands.yaml (the run as a scenario file),
/// and charts (PNG + SVG): security price per AVS, allocations, operator and restaker yields, margins of safety,
/// and the bootstrapping comparison. Text files are byte-identical for the same file and seed.
/// </summary>
public static class MarketReport
{
    /// <summary>The text files of the report, by name (what the determinism test compares).</summary>
    public static SortedDictionary<string, string> TextFiles(MarketResult r, MarketSummary s)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(s);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["summary.md"] = s.Markdown(r.File.EpochDays),
            ["commands.yaml"] = r.CommandsYaml,
            ["avs.csv"] = Csv("epoch,avs,live,slash_probability,slashable_eth,paid_tokens_base_units,paid_eth,price_eth_per_eth_epoch,cost_of_corruption_eth,margin_eth,operators,slashes",
                r.Avs.Select(a => Row(a.Epoch, a.Avs, a.Live ? "true" : "false", D(a.SlashProbability), D(a.SlashableEth), a.PaidTokens.ToString(), D(a.PaidEth), D(a.PriceEthPerEth), D(a.CostOfCorruptionEth), D(a.MarginEth), a.Operators, a.Slashes))),
            ["allocations.csv"] = Csv("epoch,operator,avs,target_magnitude,effective_magnitude,slashable_eth",
                r.Allocations.Select(a => Row(a.Epoch, a.Operator, a.Avs, D(a.Target), D(a.Effective), D(a.SlashableEth)))),
            ["allocation_changes.csv"] = Csv("epoch,block,operator,avs,from,to,effect_block",
                r.Changes.Select(c => Row(c.Epoch, c.Block, c.Operator, c.Avs, D(c.From), D(c.To), c.EffectBlock))),
            ["earners.csv"] = Csv("epoch,earner,kind,via,stake_eth,earned_eth,yield_per_epoch,points",
                r.Earners.Select(e => Row(e.Epoch, e.Earner, e.Kind, e.Via, D(e.StakeEth), D(e.EarnedEth), D(e.Yield), D(e.Points)))),
            ["decisions.csv"] = Csv("epoch,agent,decision", r.Decisions.Select(d => Row(d.Epoch, d.Agent, "\"" + d.Text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""))),
        };
        if (s.Bootstrap is { } routes)
        {
            var rows = new List<string>();
            foreach (var route in routes)
            {
                for (var i = 0; i < route.CostOfCorruptionEth.Count; i++)
                {
                    rows.Add(Row(route.Name, i + 1, D(route.CostOfCorruptionEth[i])));
                }
            }
            files["bootstrap.csv"] = Csv("route,epoch_from_launch,cost_of_corruption_eth", rows);
        }
        return files;
    }

    /// <summary>Writes the report into <paramref name="dir"/>; returns the paths written.</summary>
    public static IReadOnlyList<string> Write(MarketResult r, MarketSummary s, string dir)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(s);
        Directory.CreateDirectory(dir);
        var written = new List<string>();
        foreach (var (name, text) in TextFiles(r, s))
        {
            var path = Path.Combine(dir, name);
            File.WriteAllText(path, text);
            written.Add(path);
        }
        written.AddRange(Charts(r, s, dir));
        return written;
    }

    private static IEnumerable<string> Charts(MarketResult r, MarketSummary s, string dir)
    {
        var f = r.File;
        var paths = new List<string>();
        List<Series> PerAvs(Func<AvsEpoch, double> y) => f.Avss.Select(a =>
        {
            var rows = r.Avs.Where(x => x.Avs == a.Name && x.Live).ToList();
            return new Series(a.Name, rows.Select(x => (double)x.Epoch).ToList(), rows.Select(y).ToList());
        }).Where(x => x.X.Count > 0).ToList();

        paths.AddRange(Chart.Lines(dir, "price", "Price of security: reward per unit of slashable stake", "epoch", "ETH per ETH of slashable stake per epoch", PerAvs(x => x.PriceEthPerEth)));
        paths.AddRange(Chart.Lines(dir, "slashable-stake", "Slashable stake per AVS", "epoch", "ETH", PerAvs(x => x.SlashableEth)));
        paths.AddRange(Chart.Lines(dir, "margins", "Margin of safety: cost of corruption − profit from corruption", "epoch", "ETH", PerAvs(x => x.MarginEth)));
        foreach (var a in f.Avss)
        {
            var series = f.Operators.Select(o =>
            {
                var rows = r.Allocations.Where(x => x.Avs == a.Name && x.Operator == o.Name).ToList();
                return new Series(o.Name, rows.Select(x => (double)x.Epoch).ToList(), rows.Select(x => x.Effective * 100).ToList());
            }).Where(x => x.X.Count > 0).ToList();
            if (series.Count > 0)
            {
                paths.AddRange(Chart.Lines(dir, $"allocations-{a.Name}", $"Allocations to {a.Name} in force (share of each operator's stake)", "epoch", "% of max magnitude", series));
            }
        }
        List<Series> Yields(Func<EarnerEpoch, bool> which) => r.Earners.Where(which).GroupBy(e => e.Earner)
            .Select(g => new Series(g.Key, g.Select(x => (double)x.Epoch).ToList(), g.Select(x => x.Yield * 100).ToList())).ToList();
        paths.AddRange(Chart.Lines(dir, "operator-yields", "Operators' yield on their own stake", "epoch", "% per epoch", Yields(e => e.Kind == "operator")));
        var restakers = Yields(e => e.Kind != "operator");
        if (restakers.Count > 0)
        {
            paths.AddRange(Chart.Lines(dir, "restaker-yields", "Restakers' yield", "epoch", "% per epoch", restakers));
        }
        if (s.Bootstrap is { } routes)
        {
            var longest = routes.Max(x => x.CostOfCorruptionEth.Count);
            var series = routes.Select(x => new Series(x.Name, Enumerable.Range(1, x.CostOfCorruptionEth.Count).Select(i => (double)i).ToList(), x.CostOfCorruptionEth)).ToList();
            series.Add(new Series("target", [1, Math.Max(2, longest)], [s.BootstrapTargetEth ?? 0, s.BootstrapTargetEth ?? 0]));
            paths.AddRange(Chart.Lines(dir, "bootstrap", "Bootstrapping: cost of corruption by route", "epochs since launch", "ETH", series));
        }
        return paths;
    }

    private static string D(double x) => x.ToString("0.##########", CultureInfo.InvariantCulture);

    private static string Row(params object[] cells) => string.Join(',', cells.Select(c => Convert.ToString(c, CultureInfo.InvariantCulture)));

    private static string Csv(string header, IEnumerable<string> rows)
    {
        var sb = new StringBuilder(header).Append('\n');
        foreach (var row in rows)
        {
            sb.Append(row).Append('\n');
        }
        return sb.ToString();
    }
}
