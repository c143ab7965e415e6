using LowDim.Experiments;
using LowDim.Reporting.Plots;

namespace LowDim.Reporting;

/// <summary>
/// One page that overlays several runs (for loss or head comparisons): train loss, test accuracy and NC1–NC4
/// against epoch, one colour per run, and a table of their specs and final metrics.
/// </summary>
public static class ComparisonReport
{
    private static readonly string[] FinalMetrics = ["loss", "accuracy", "nc1", "nc2_etf", "nc3", "nc4"];

    /// <summary>
    /// Reads the runs and writes <paramref name="outputHtml"/> (self-contained) and its PNGs in the folder
    /// <c>&lt;outputHtml without .html&gt;-plots/</c>, each file atomically; returns the page's path.
    /// </summary>
    /// <exception cref="ArgumentException">No run is given.</exception>
    /// <exception cref="DataFileException">A folder is not a run, a file of it is malformed, or a file cannot be written.</exception>
    public static string Write(IReadOnlyList<string> runDirs, string outputHtml)
    {
        if (runDirs.Count == 0) throw new ArgumentException("no run to compare", nameof(runDirs));
        var runs = runDirs.Select(RunData.Load).ToList();
        var labels = Labels(runs);
        var figures = ComparisonPlots.All(runs, labels).ToList();
        string stem = outputHtml.EndsWith(".html", StringComparison.OrdinalIgnoreCase) ? outputHtml[..^".html".Length] : outputHtml;
        ReportFiles.WritePlots($"{stem}-plots", figures);
        ReportFiles.WritePage(outputHtml, Page(runs, labels, figures));
        return outputHtml;
    }

    // The spec's name, unless two runs share it: then the folder's name, numbered if that is shared too.
    private static List<string> Labels(IReadOnlyList<RunData> runs)
    {
        var labels = runs.Select(run => runs.Count(other => other.Name == run.Name) > 1
            ? Path.GetFileName(Path.TrimEndingDirectorySeparator(run.Folder))
            : run.Name).ToList();
        for (int i = 0; i < runs.Count; i++)
        {
            if (labels.Take(i).Contains(labels[i])) labels[i] = $"{labels[i]} ({i + 1})";
        }
        return labels;
    }

    private static HtmlPage Page(IReadOnlyList<RunData> runs, IReadOnlyList<string> labels, IReadOnlyList<Figure> figures)
    {
        var page = new HtmlPage($"LowDim comparison of {runs.Count} runs");
        page.Heading("Runs");
        page.Table(["run", "folder", "dataset", "model", "loss", "head", "epochs", "last measured"],
            runs.Select((run, i) => (IReadOnlyList<string>)
            [
                labels[i], run.Folder, run.SpecText("dataset") ?? "–", run.SpecText("model") ?? "–", run.SpecText("loss") ?? "–",
                run.SpecText("head") ?? "–", run.SpecText("epochs") ?? "–", run.LastEpoch?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–",
            ]));

        page.Heading("Final metrics (last measured epoch, penultimate features)");
        page.Table(["run", "loss (train)", "accuracy (test)", "nc1 (train)", "nc2_etf (train)", "nc3 (train)", "nc4 (train)"],
            runs.Select((run, i) => (IReadOnlyList<string>)[labels[i], .. FinalMetrics.Select(metric => ReportText.Number(Final(run, metric)))]));

        page.Heading("Plots");
        if (figures.Count == 0) page.Paragraph("Nothing to plot yet.");
        foreach (var figure in figures) page.Figure(figure);
        return page;
    }

    private static double? Final(RunData run, string metric)
    {
        string split = metric == "accuracy" ? MeasurementRow.Test : MeasurementRow.Train;
        return run.Penultimate(split).LastOrDefault()?[metric];
    }
}
