using System.Text;
using LowDim.Measurement;

namespace LowDim.Reporting.Plots;

/// <summary>
/// ufm-metrics.png: the NC metrics of every solve against iteration on log-log axes, one panel per
/// <see cref="CollapsePanel"/> that has data (the run report's grouping), then one for any other metric.
/// </summary>
internal static class UfmMetricPlot
{
    /// <summary>The file's name.</summary>
    public const string FileName = "ufm-metrics.png";

    private sealed record Panel(string Title, IReadOnlyList<string> Metrics, string Caption);

    /// <summary>The plot, or null when no solve has a metric.</summary>
    public static Figure? Create(UfmReportData data)
    {
        var panels = Panels(data.Series.SelectMany(s => s.Metrics.Keys).ToHashSet());
        var pngs = new List<byte[]>();
        var caption = new StringBuilder("NC metrics against iteration. ").Append(SolveStyle.IterationNote);
        foreach (var panel in panels)
        {
            using var chart = new LineChart(panel.Title, SolveStyle.IterationAxis, string.Join(", ", panel.Metrics), logX: true, logY: true);
            var floor = LogFloor.For(data.Series.SelectMany(s => panel.Metrics.SelectMany(m => s.Metrics.GetValueOrDefault(m) ?? [])));
            for (int s = 0; s < data.Series.Count; s++)
            {
                for (int m = 0; m < panel.Metrics.Count; m++)
                {
                    if (!data.Series[s].Metrics.TryGetValue(panel.Metrics[m], out var values)) continue;
                    chart.Add(SolveStyle.Legend(s, m, panel.Metrics[m]), SolveStyle.Points(data.Series[s].Iterations, values, floor),
                        SolveStyle.Color(s, m), ScottPlot.LinePattern.Solid);
                }
            }
            floor.Draw(chart);
            if (!chart.HasPoints) continue;
            pngs.Add(chart.Png(PanelGrid.PanelWidth, PanelGrid.PanelHeight));
            caption.Append(' ').Append(panel.Caption);
            string notes = floor.Note() + chart.LeftOut;
            if (notes.Length > 0) caption.Append(" For ").Append(string.Join(", ", panel.Metrics)).Append(':').Append(notes);
        }
        if (pngs.Count == 0) return null;
        if (data.Series.Count > 1) caption.Append(" Full colour: ").Append(data.Series[0].Label).Append("; faded: the other solves.");
        return new Figure(FileName, caption.ToString(),
            PanelGrid.Compose($"{data.Title}: NC metrics against iteration", SolveStyle.Note(data.Series), pngs, columns: 2));
    }

    // The run report's panels with the metrics present, then the others in MetricNames order (unknown names last).
    private static List<Panel> Panels(IReadOnlySet<string> present)
    {
        var panels = CollapsePanel.All
            .Select(p => new Panel(p.Title, p.Metrics.Where(present.Contains).ToList(), p.Caption))
            .Where(p => p.Metrics.Count > 0)
            .ToList();
        var known = MetricNames.All.ToList();
        var others = present.Where(name => !CollapsePanel.All.Any(p => p.Metrics.Contains(name)))
            .OrderBy(name => known.IndexOf(name) is var i and >= 0 ? i : int.MaxValue)
            .ThenBy(name => name, StringComparer.Ordinal)
            .ToList();
        if (others.Count > 0) panels.Add(new Panel("Other metrics", others, $"Other metrics: {string.Join(", ", others)}."));
        return panels;
    }
}
