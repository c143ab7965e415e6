using LowDim.Experiments;
using ScottPlot;

namespace LowDim.Reporting.Plots;

/// <summary>Several runs overlaid, one colour per run: train loss, test accuracy, and NC1–NC4 (train) against epoch.</summary>
internal static class ComparisonPlots
{
    private sealed record Panel(string Metric, string Split, bool LogY, string Caption);

    private static readonly Panel[] Panels =
    [
        new("loss", MeasurementRow.Train, true, "Train loss (metrics.csv, eval mode) → 0 in the terminal phase of training."),
        new("accuracy", MeasurementRow.Test, false, "Test accuracy (metrics.csv, eval mode); higher is better."),
        new("nc1", MeasurementRow.Train, true, "nc1 (train) → 0: within-class variability collapse."),
        new("nc2_etf", MeasurementRow.Train, true, "nc2_etf (train) → 0: the centred class means form a simplex ETF."),
        new("nc3", MeasurementRow.Train, true, "nc3 (train) → 0: the classifier aligns with the centred class means."),
        new("nc4", MeasurementRow.Train, true, "nc4 (train) → 0: the prediction is the nearest class mean's."),
    ];

    /// <summary>The panels that have data; <paramref name="labels"/>[i] names <paramref name="runs"/>[i] in the legends.</summary>
    public static IEnumerable<Figure> All(IReadOnlyList<RunData> runs, IReadOnlyList<string> labels)
    {
        foreach (var panel in Panels)
        {
            using var chart = new LineChart($"{panel.Metric} ({panel.Split})", "epoch", panel.Metric, logX: true, panel.LogY);
            for (int i = 0; i < runs.Count; i++)
            {
                var points = runs[i].Penultimate(panel.Split).Where(r => r[panel.Metric] is not null)
                    .Select(r => ((double)r.Epoch, r[panel.Metric]!.Value));
                chart.Add(labels[i], points, SeriesStyle.Color(i), LinePattern.Solid);
            }
            if (chart.HasPoints) yield return chart.Render($"compare_{panel.Metric}_{panel.Split}.png", panel.Caption);
        }
    }
}
