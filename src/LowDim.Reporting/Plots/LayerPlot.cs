namespace LowDim.Reporting.Plots;

/// <summary>Layer-wise nc1 and nc1_quotient against layer index at the last measured epoch (deep, progressive collapse).</summary>
internal static class LayerPlot
{
    /// <summary>layers.png, or null before the first measurement.</summary>
    public static Figure? Create(RunData run)
    {
        if (run.LastEpoch is not int epoch) return null;
        string[] metrics = ["nc1", "nc1_quotient"];
        var layers = SeriesStyle.Splits.Select(split => run.Layers(epoch, split)).First(rows => rows.Count > 0);
        using var chart = new LineChart($"{run.Name}: layer-wise NC1 at epoch {epoch}", "layer (input side first)",
            string.Join(", ", metrics), logX: false, logY: true);
        chart.XTickLabels(layers.Select(row => row.Layer).ToList());
        for (int m = 0; m < metrics.Length; m++)
        {
            foreach (string split in SeriesStyle.Splits)
            {
                var points = run.Layers(epoch, split).Select((row, i) => (X: i + 1.0, Y: row[metrics[m]]))
                    .Where(p => p.Y is not null).Select(p => (p.X, p.Y!.Value)).ToList();
                if (points.Count > 0)
                {
                    chart.Add($"{metrics[m]} {split}", points, SeriesStyle.Color(m), SeriesStyle.Pattern(split), SeriesStyle.Marker(split));
                }
            }
        }
        return chart.HasPoints
            ? chart.Render("layers.png", "nc1 → 0 and nc1_quotient → 0 layer by layer; with depth they fall (progressive separation, deep neural collapse).")
            : null;
    }
}
