using System.Globalization;
using LowDim.Reporting.Plots;

namespace LowDim.Reporting;

/// <summary>
/// The report of a solved (deep) unconstrained features model: a self-contained <c>report.html</c> with the problem,
/// the final table and the plots, and the plots as PNGs beside it: <c>ufm-metrics.png</c> (NC metrics against
/// iteration), <c>ufm-objective.png</c> (objective gap and gradient norm), <c>ufm-gram.png</c> (W Wᵀ beside the simplex
/// ETF), <c>ufm-spectra.png</c> (singular values per layer) and <c>ufm-seeds.png</c> (final objective per seed),
/// each when its data is given.
/// </summary>
public static class UfmReport
{
    /// <summary>The page's file name.</summary>
    public const string PageName = "report.html";

    /// <summary>
    /// Writes the report and its PNGs into <paramref name="folder"/> (created if missing), each file atomically, and
    /// returns the paths written: the page first, then the PNGs in the page's order.
    /// </summary>
    /// <exception cref="ArgumentException">A series whose arrays differ in length, a negative iteration, or a Gram
    /// matrix that is not K × K with K ≥ 2.</exception>
    /// <exception cref="DataFileException">A file or the folder cannot be written.</exception>
    public static IReadOnlyList<string> Write(UfmReportData data, string folder)
    {
        Validate(data);
        var figures = Figures(data);
        ReportFiles.WritePlots(folder, figures);
        string page = Path.Combine(folder, PageName);
        ReportFiles.WritePage(page, Page(data, figures));
        // A report written again into the same folder must not keep a plot this data no longer has.
        foreach (string stale in PlotNames.Except(figures.Select(figure => figure.FileName)))
        {
            string path = Path.Combine(folder, stale);
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new DataFileException(path, $"cannot remove the plot of an earlier report: {e.Message}", e);
            }
        }
        return [page, .. figures.Select(figure => Path.Combine(folder, figure.FileName))];
    }

    /// <summary>Every PNG a UFM report can have.</summary>
    private static readonly string[] PlotNames = ["ufm-metrics.png", "ufm-objective.png", "ufm-gram.png", "ufm-spectra.png", "ufm-seeds.png"];

    private static void Validate(UfmReportData data)
    {
        foreach (var series in data.Series)
        {
            int n = series.Iterations.Length;
            if (series.Objective.Length != n || series.GradientNorm.Length != n)
            {
                throw new ArgumentException(
                    $"series '{series.Label}': {n} iterations, {series.Objective.Length} objectives and {series.GradientNorm.Length} gradient norms", nameof(data));
            }
            foreach (var (name, values) in series.Metrics)
            {
                if (values.Length != n) throw new ArgumentException($"series '{series.Label}': {n} iterations but {values.Length} values of {name}", nameof(data));
            }
            if (series.Iterations.Any(iteration => iteration < 0))
            {
                throw new ArgumentException($"series '{series.Label}': iterations must be ≥ 0", nameof(data));
            }
        }
        if (data.WeightGram is { } gram && (gram.GetLength(0) != gram.GetLength(1) || gram.GetLength(0) < 2))
        {
            throw new ArgumentException($"the weight Gram matrix must be K × K with K ≥ 2, got {gram.GetLength(0)} × {gram.GetLength(1)}", nameof(data));
        }
    }

    private static List<Figure> Figures(UfmReportData data) =>
    [
        .. new[]
        {
            UfmMetricPlot.Create(data),
            UfmConvergencePlot.Create(data),
            data.WeightGram is { } gram
                ? GramPlot.Create("ufm-gram.png", $"{data.Title}: Gram matrix of the classifier", "classifier: WWᵀ/‖WWᵀ‖_F", gram,
                    "The Gram matrix WWᵀ of the classifier's rows, normalised, beside the simplex ETF's; at the UFM's global optimum they are equal (nc2_etf_w → 0).")
                : null,
            data.Layers is { } layers ? UfmSpectrumPlot.Create(data.Title, layers) : null,
            data.SeedObjectives is { } seeds ? UfmSeedPlot.Create(data.Title, seeds) : null,
        }.OfType<Figure>(),
    ];

    private static HtmlPage Page(UfmReportData data, IReadOnlyList<Figure> figures)
    {
        var page = new HtmlPage(data.Title);
        page.Paragraph(data.Problem, "summary");

        page.Heading("Summary");
        if (data.Summary.Count == 0) page.Paragraph("No summary was given.");
        else page.Table(["quantity", "value"], data.Summary.Select(row => (IReadOnlyList<string>)[row.Name, row.Value]));

        if (data.Series.Count > 1)
        {
            page.Heading("Solves");
            page.Table(["solve", "iterations", "final objective", "final gradient norm"], data.Series.Select(Row));
        }

        page.Heading("Plots");
        if (figures.Count == 0) page.Paragraph("Nothing to plot.");
        foreach (var figure in figures) page.Figure(figure);
        return page;
    }

    private static IReadOnlyList<string> Row(UfmReportSeries series) => series.Iterations.Length == 0
        ? [series.Label, "–", "–", "–"]
        : [
            series.Label,
            series.Iterations[^1].ToString(CultureInfo.InvariantCulture),
            series.Objective[^1].ToString("G10", CultureInfo.InvariantCulture),
            ReportText.Number(series.GradientNorm[^1]),
        ];
}
