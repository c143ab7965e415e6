using System.Globalization;
using LowDim.Experiments;
using LowDim.Reporting.Plots;

namespace LowDim.Reporting;

/// <summary>
/// The report of one run: <c>plots/*.png</c> and a self-contained <c>report.html</c> in the run folder, with the
/// spec, the final metrics, loss and accuracy, NC1–NC4 against epoch, layer-wise NC1 and the Gram matrices.
/// </summary>
public static class RunReport
{
    /// <summary>
    /// Reads the run in <paramref name="runDir"/> and writes <c>runDir/plots/*.png</c> and <c>runDir/report.html</c>,
    /// each file atomically; returns the report's path. Can be called while the run is training.
    /// </summary>
    /// <exception cref="DataFileException">The folder is not a run, a file of it is malformed, or a file cannot be written.</exception>
    public static string Write(string runDir)
    {
        var run = RunData.Load(runDir);
        var figures = Figures(run);
        ReportFiles.WritePlots(Path.Combine(runDir, "plots"), figures);
        string report = Path.Combine(runDir, "report.html");
        ReportFiles.WritePage(report, Page(run, figures));
        return report;
    }

    private static List<Figure> Figures(RunData run) =>
    [
        .. new[] { TrainingPlots.Loss(run), TrainingPlots.Accuracy(run) }.OfType<Figure>(),
        .. CollapsePlots.All(run),
        .. new[] { LayerPlot.Create(run) }.OfType<Figure>(),
        .. GramPlot.All(run),
    ];

    private static HtmlPage Page(RunData run, IReadOnlyList<Figure> figures)
    {
        var page = new HtmlPage($"LowDim run: {run.Name}");
        string summary = ReportText.Summary(run);
        page.Paragraph(summary.Length > 0 ? $"{summary} — {run.Folder}" : run.Folder, "summary");

        page.Heading(run.LastEpoch is int last ? $"Final metrics (epoch {last}, penultimate features)" : "Final metrics");
        if (run.LastEpoch is int epoch)
        {
            var train = run.Layers(epoch, MeasurementRow.Train).LastOrDefault(r => r.IsPenultimate);
            var test = run.Layers(epoch, MeasurementRow.Test).LastOrDefault(r => r.IsPenultimate);
            page.Table(["metric", "train", "test"],
                ReportText.MetricColumns
                    .Where(metric => train?[metric] is not null || test?[metric] is not null)
                    .Select(metric => (IReadOnlyList<string>)[metric, ReportText.Number(train?[metric]), ReportText.Number(test?[metric])]),
                codeFirstColumn: true);
        }
        else
        {
            page.Paragraph("No measurement yet: metrics.csv has no penultimate-layer row.");
        }
        if (run.History.Count > 0)
        {
            double seconds = run.History.Sum(h => h.TrainSeconds);
            page.Paragraph(string.Create(CultureInfo.InvariantCulture,
                $"{run.History.Count} epochs trained in {seconds:F0} s (history.csv)."));
        }

        page.Heading("Plots");
        if (figures.Count == 0) page.Paragraph("Nothing to plot yet.");
        foreach (var figure in figures) page.Figure(figure);

        page.Heading("Spec");
        if (run.Spec.Count == 0) page.Paragraph("The run has no spec.json.");
        else page.Table(["key", "value"], run.Spec.Keys.Select(key => (IReadOnlyList<string>)[key, run.SpecText(key)!]), codeFirstColumn: true);
        return page;
    }
}
