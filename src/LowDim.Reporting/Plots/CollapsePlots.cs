namespace LowDim.Reporting.Plots;

/// <summary>NC1–NC4 against epoch on log-log axes, train and test, one panel per <see cref="CollapsePanel"/>.</summary>
internal static class CollapsePlots
{
    /// <summary>The panels that have data, in report order.</summary>
    public static IEnumerable<Figure> All(RunData run) =>
        CollapsePanel.All.Select(panel => Create(run, panel)).OfType<Figure>();

    /// <summary>One panel, or null when the run has none of its metrics.</summary>
    public static Figure? Create(RunData run, CollapsePanel panel)
    {
        using var chart = new LineChart($"{run.Name}: {panel.Title}", "epoch", string.Join(", ", panel.Metrics), logX: true, logY: true);
        for (int m = 0; m < panel.Metrics.Count; m++)
        {
            string metric = panel.Metrics[m];
            bool weightOnly = CollapsePanel.WeightOnly.Contains(metric);
            foreach (string split in SeriesStyle.Splits)
            {
                var points = run.Penultimate(split).Where(r => r[metric] is not null).Select(r => ((double)r.Epoch, r[metric]!.Value)).ToList();
                if (points.Count == 0) continue;
                chart.Add(weightOnly ? metric : $"{metric} {split}", points, SeriesStyle.Color(m), SeriesStyle.Pattern(split), SeriesStyle.Marker(split));
                if (weightOnly) break;
            }
        }
        return chart.HasPoints ? chart.Render(panel.FileName, panel.Caption) : null;
    }
}
