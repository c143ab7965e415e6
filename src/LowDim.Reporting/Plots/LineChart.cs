using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace LowDim.Reporting.Plots;

/// <summary>
/// A line plot of several series with optional log axes, legend outside the data area, rendered once to PNG.
/// Points that a log axis cannot show (zero or negative) and non-finite points are left out and counted, so that
/// the caption can say so.
/// </summary>
internal sealed class LineChart : IDisposable
{
    /// <summary>The size of every line plot, in pixels.</summary>
    public const int Width = 800, Height = 500;

    private readonly Plot _plot = new();
    private readonly bool _logX, _logY;
    private readonly List<Coordinates> _plotted = [];
    private readonly List<double> _xs = [];
    private readonly List<double> _lineYs = [];
    private int _notPositive, _notFinite;
    private IReadOnlyList<string>? _xLabels;
    private int? _xCount;

    /// <summary>Starts an empty chart; on a log axis the values are drawn at their log10.</summary>
    public LineChart(string title, string xLabel, string yLabel, bool logX, bool logY)
    {
        _logX = logX;
        _logY = logY;
        EmbeddedFont.Use(_plot);
        _plot.Title(title, 16);
        _plot.XLabel(xLabel, 14);
        _plot.YLabel(yLabel, 14);
        _plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        _plot.Axes.Left.TickLabelStyle.FontSize = 12;
        _plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.15);
        _plot.Grid.MinorLineColor = Colors.Black.WithAlpha(0.05);
        _plot.Grid.MinorLineWidth = 1;
    }

    /// <summary>Whether any series has a point to draw.</summary>
    public bool HasPoints => _plotted.Count > 0;

    /// <summary>Adds one series; <paramref name="lines"/> false draws markers only, and a null <paramref name="legend"/> keeps it out of the legend.</summary>
    public void Add(string? legend, IEnumerable<(double X, double Y)> points, Color color, LinePattern pattern,
        MarkerShape marker = MarkerShape.FilledCircle, bool lines = true)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (var (x, y) in points)
        {
            // The x range spans the points left out for their y too, so that overlaid runs share the epochs.
            if (double.IsFinite(x) && (!_logX || x > 0)) _xs.Add(_logX ? Math.Log10(x) : x);
            if (!double.IsFinite(x) || !double.IsFinite(y)) _notFinite++;
            else if ((_logX && x <= 0) || (_logY && y <= 0)) _notPositive++;
            else
            {
                xs.Add(_logX ? Math.Log10(x) : x);
                ys.Add(_logY ? Math.Log10(y) : y);
                _plotted.Add(new Coordinates(xs[^1], ys[^1]));
            }
        }
        if (xs.Count == 0) return;
        var scatter = _plot.Add.Scatter(xs.ToArray(), ys.ToArray(), color);
        scatter.LegendText = legend ?? "";
        scatter.LinePattern = pattern;
        scatter.LineWidth = lines ? 2 : 0;
        scatter.MarkerShape = marker;
        scatter.MarkerSize = xs.Count > 60 ? 0 : 6;
    }

    /// <summary>A thin grey dotted line across the chart at <paramref name="y"/> (a value, not its log10), in the legend.</summary>
    public void HorizontalLine(double y, string legend)
    {
        double at = _logY ? Math.Log10(y) : y;
        var line = _plot.Add.HorizontalLine(at, 1, Colors.Gray, LinePattern.Dotted);
        line.LegendText = legend;
        _lineYs.Add(at);
    }

    /// <summary>Labels the x positions 1, 2, ... with <paramref name="labels"/> (a categorical axis).</summary>
    public void XTickLabels(IReadOnlyList<string> labels) => _xLabels = labels;

    /// <summary>Makes the x axis run over the positions 1 … <paramref name="count"/> (an index), with integer ticks only.</summary>
    public void XIndices(int count) => _xCount = count;

    /// <summary>A sentence for each kind of point left out so far, each after a space; empty when none was.</summary>
    public string LeftOut
    {
        get
        {
            string text = "";
            if (_notPositive > 0)
            {
                text += string.Create(CultureInfo.InvariantCulture,
                    $" {_notPositive} zero or negative value{(_notPositive == 1 ? " is" : "s are")} left out: a log axis cannot show them.");
            }
            if (_notFinite > 0)
            {
                text += string.Create(CultureInfo.InvariantCulture,
                    $" {_notFinite} non-finite value{(_notFinite == 1 ? " (NaN or infinite) is" : "s (NaN or infinite) are")} left out.");
            }
            return text;
        }
    }

    /// <summary>Renders the chart; the caption gains <see cref="LeftOut"/>.</summary>
    public Figure Render(string fileName, string caption) => new(fileName, caption + LeftOut, Png(Width, Height));

    /// <summary>The chart as a PNG of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public byte[] Png(int width, int height)
    {
        _plot.ShowLegend(Edge.Right);
        if (_xLabels is not null)
        {
            _plot.Axes.Bottom.TickGenerator = new NumericManual(
                Enumerable.Range(1, _xLabels.Count).Select(i => (double)i).ToArray(), _xLabels.ToArray());
            _plot.Axes.SetLimitsX(0.5, _xLabels.Count + 0.5);
        }
        else if (_xCount is int count)
        {
            _plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
            _plot.Axes.SetLimitsX(0.5, count + 0.5);
        }
        else
        {
            Scale(_xs, _logX, _plot.Axes.Bottom, (min, max) => _plot.Axes.SetLimitsX(min, max));
        }
        Scale(_plotted.Select(p => p.Y).Concat(_lineYs), _logY, _plot.Axes.Left, (min, max) => _plot.Axes.SetLimitsY(min, max));
        return _plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <inheritdoc/>
    public void Dispose() => _plot.Dispose();

    // A log axis gets decade ticks and limits padded by 4% of the range; a linear one keeps ScottPlot's.
    private static void Scale(IEnumerable<double> values, bool log, IAxis axis, Action<double, double> setLimits)
    {
        var list = values.ToList();
        if (!log || list.Count == 0) return;
        double min = list.Min(), max = list.Max();
        double pad = max > min ? 0.04 * (max - min) : 0.5;
        min -= pad;
        max += pad;
        axis.TickGenerator = new NumericManual(LogTicks.Create(min, max));
        setLimits(min, max);
    }
}
