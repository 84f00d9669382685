namespace Restake.Plots;

/// <summary>One named line of (x, y) points.</summary>
public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y);

/// <summary>A shaded band over a range of x (a vertical stripe) or, with <paramref name="OnY"/>, of y (a horizontal stripe).</summary>
public sealed record Band(string Name, double From, double To, bool OnY = false);

/// <summary>
/// Line charts for reports: every chart is written twice, as PNG (to look at) and SVG (to embed), under one name.
/// Floating point lives only here and in reports; the runs behind the charts are integers.
/// </summary>
public static class Chart
{
    public const int Width = 960;
    public const int Height = 540;

    /// <summary>Writes DIR/NAME.png and DIR/NAME.svg; returns both paths.</summary>
    public static IReadOnlyList<string> Lines(string directory, string name, string title, string xLabel, string yLabel,
        IReadOnlyList<Series> series, IReadOnlyList<Band>? bands = null, bool xIsTime = false)
    {
        Directory.CreateDirectory(directory);
        var plot = new ScottPlot.Plot();
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        foreach (var band in bands ?? [])
        {
            ScottPlot.Plottables.AxisSpan span = band.OnY ? plot.Add.VerticalSpan(band.From, band.To) : plot.Add.HorizontalSpan(band.From, band.To);
            span.LegendText = band.Name;
        }
        foreach (var s in series)
        {
            var line = plot.Add.Scatter(s.X.ToArray(), s.Y.ToArray());
            line.LegendText = s.Name;
            line.MarkerSize = s.X.Count > 60 ? 0 : 4;
        }
        if (xIsTime)
        {
            plot.Axes.DateTimeTicksBottom();
        }
        if (series.Count > 1 || bands is { Count: > 0 })
        {
            plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        }
        return Save(plot, directory, name);
    }

    /// <summary>A histogram of <paramref name="values"/> in <paramref name="bins"/> equal bins, with vertical marker lines
    /// (e.g. VaR and ES); writes DIR/NAME.png and DIR/NAME.svg and returns both paths.</summary>
    public static IReadOnlyList<string> Histogram(string directory, string name, string title, string xLabel,
        IReadOnlyList<double> values, int bins = 40, IReadOnlyList<(string Name, double X)>? markers = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        Directory.CreateDirectory(directory);
        var plot = new ScottPlot.Plot();
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel("runs");
        if (values.Count > 0)
        {
            double lo = values.Min(), hi = values.Max();
            var width = hi > lo ? (hi - lo) / bins : 1;
            var counts = new double[bins];
            foreach (var v in values)
            {
                counts[Math.Clamp((int)((v - lo) / width), 0, bins - 1)]++;
            }
            var bars = plot.Add.Bars(Enumerable.Range(0, bins).Select(i => lo + ((i + 0.5) * width)).ToArray(), counts);
            foreach (var bar in bars.Bars)
            {
                bar.Size = width;
            }
        }
        var k = 0;
        foreach (var (label, x) in markers ?? [])
        {
            var line = plot.Add.VerticalLine(x);
            line.LegendText = label;
            line.Color = plot.Add.Palette.GetColor(++k);
        }
        if (markers is { Count: > 0 })
        {
            plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        }
        return Save(plot, directory, name);
    }

    /// <summary>Every chart is written twice: PNG to look at, SVG to print or scale.</summary>
    private static IReadOnlyList<string> Save(ScottPlot.Plot plot, string directory, string name)
    {
        var png = Path.Combine(directory, name + ".png");
        var svg = Path.Combine(directory, name + ".svg");
        plot.SavePng(png, Width, Height);
        plot.SaveSvg(svg, Width, Height);
        return [png, svg];
    }
}
