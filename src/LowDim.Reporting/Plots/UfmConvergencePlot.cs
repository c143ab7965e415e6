using System.Globalization;
using System.Text;

namespace LowDim.Reporting.Plots;

/// <summary>
/// ufm-objective.png: the objective gap f − f* and the gradient norm ‖∇f‖₂ of every solve against iteration,
/// side by side on log-log axes, with f* the smallest final objective of all solves.
/// </summary>
internal static class UfmConvergencePlot
{
    /// <summary>The file's name.</summary>
    public const string FileName = "ufm-objective.png";

    /// <summary>The plot, or null when no solve has a measured iteration.</summary>
    public static Figure? Create(UfmReportData data)
    {
        var finals = data.Series.Where(s => s.Objective.Length > 0).Select(s => s.Objective[^1]).Where(double.IsFinite).ToList();
        double best = finals.Count > 0 ? finals.Min() : double.NaN;
        var caption = new StringBuilder();
        caption.Append(double.IsNaN(best)
            ? "No solve ended at a finite objective, so the objective gap is not drawn."
            : string.Create(CultureInfo.InvariantCulture, $"Left: f − f*, with f* = {best:G10} the smallest final objective of the solves."));
        caption.Append(" Right: the norm of the gradient over all of W, H and b; both → 0 as a solve converges. ").Append(SolveStyle.IterationNote);

        var pngs = new List<byte[]>();
        if (!double.IsNaN(best))
        {
            Panel(pngs, caption, data, "objective gap", "f − f*", s => s.Objective.Select(f => f - best).ToArray());
        }
        Panel(pngs, caption, data, "gradient norm", "‖∇f‖₂", s => s.GradientNorm);
        if (pngs.Count == 0) return null;
        if (data.Series.Count > 1) caption.Append(" Full colour: ").Append(data.Series[0].Label).Append("; faded: the other solves.");
        return new Figure(FileName, caption.ToString(),
            PanelGrid.Compose($"{data.Title}: convergence", SolveStyle.Note(data.Series), pngs, columns: 2));
    }

    private static void Panel(List<byte[]> pngs, StringBuilder caption, UfmReportData data, string title, string quantity,
        Func<UfmReportSeries, double[]> values)
    {
        using var chart = new LineChart($"{title} {quantity}", SolveStyle.IterationAxis, quantity, logX: true, logY: true);
        var floor = LogFloor.For(data.Series.SelectMany(values));
        for (int s = 0; s < data.Series.Count; s++)
        {
            chart.Add(SolveStyle.Legend(s, 0, data.Series[s].Label), SolveStyle.Points(data.Series[s].Iterations, values(data.Series[s]), floor),
                SolveStyle.Color(s, 0), ScottPlot.LinePattern.Solid);
        }
        floor.Draw(chart);
        if (!chart.HasPoints) return;
        pngs.Add(chart.Png(PanelGrid.PanelWidth, PanelGrid.PanelHeight));
        string notes = floor.Note() + chart.LeftOut;
        if (notes.Length > 0) caption.Append(" For ").Append(quantity).Append(':').Append(notes);
    }
}
