using System.Globalization;
using System.Text;
using LowDim.Data;
using LowDim.Experiments;
using LowDim.Measurement;
using LowDim.Reporting;
using LowDim.Theory;

namespace LowDim.Cli.Commands;

/// <summary>
/// What <c>lowdim ufm</c> leaves on disk: result.json (the --json object), trace.csv (every start's measured
/// iterations) and report.html with its plots, each written atomically into a fresh folder.
/// </summary>
internal static class UfmFiles
{
    /// <summary>The metrics the report plots against iteration (accuracies are not on a log scale's terms).</summary>
    private static readonly string[] PlottedMetrics =
    [
        MetricNames.Nc1, MetricNames.Nc1Quotient, MetricNames.Nc2Equinorm, MetricNames.Nc2EquinormW, MetricNames.Nc2Equiangular,
        MetricNames.Nc2Maxangle, MetricNames.Nc2Etf, MetricNames.Nc2EtfW, MetricNames.Nc3, MetricNames.Nc3Zhu, MetricNames.Nc4,
    ];

    /// <summary>
    /// The folder a finished study writes to: <paramref name="folder"/> when given, else a new runs/&lt;time&gt;-ufm,
    /// claimed only now so that an interrupted or failed study leaves no empty folder behind.
    /// </summary>
    /// <exception cref="DataFileException">runs/ cannot be written.</exception>
    public static string Folder(string? folder, DateTime startedUtc)
    {
        if (folder is not null) return folder;
        try
        {
            return RunFolder.Claim("runs", "ufm", startedUtc);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException("runs", $"cannot create the run folder: {e.Message}", e);
        }
    }

    /// <summary>Writes the three files and the plots; returns the report's path.</summary>
    /// <exception cref="DataFileException">A file cannot be written.</exception>
    public static string Write(UfmStudyResult result, string folder, string json)
    {
        CreateFolder(folder);
        DataFiles.WriteTextAtomically(Path.Combine(folder, "result.json"), json + "\n");
        DataFiles.WriteTextAtomically(Path.Combine(folder, "trace.csv"), TraceCsv(result.Landscape.SeedTraces, result.Spec.Solve.Seed));
        var paths = UfmReport.Write(Report(result), folder);
        return paths[0];
    }

    /// <summary>Writes a deep UFM's files: result.json, trace.csv (nc1 of every layer) and the report with the spectra.</summary>
    /// <exception cref="DataFileException">A file cannot be written.</exception>
    public static string Write(DeepUfmStudyResult result, string folder, string json)
    {
        CreateFolder(folder);
        DataFiles.WriteTextAtomically(Path.Combine(folder, "result.json"), json + "\n");
        int depth = result.Spec.Problem.Layers;
        var text = new StringBuilder("seed,iteration,seconds,objective,gradient_norm");
        for (int l = 1; l <= depth; l++) text.Append(CultureInfo.InvariantCulture, $",nc1_layer{l}");
        text.Append('\n');
        for (int s = 0; s < result.SeedTraces.Count; s++)
        {
            foreach (var row in result.SeedTraces[s])
            {
                text.Append(CultureInfo.InvariantCulture, $"{result.Spec.Solve.Seed + s},{row.Iteration},{Number(row.Seconds)},{Number(row.Objective)},{Number(row.GradientNorm)}");
                foreach (double nc1 in row.Nc1) text.Append(',').Append(Number(nc1));
                text.Append('\n');
            }
        }
        DataFiles.WriteTextAtomically(Path.Combine(folder, "trace.csv"), text.ToString());
        return UfmReport.Write(DeepReport(result), folder)[0];
    }

    private static UfmReportData DeepReport(DeepUfmStudyResult result)
    {
        var best = result.Best;
        var objectives = result.Landscape.SeedObjectives;
        int first = Enumerable.Range(0, objectives.Count).MinBy(i => objectives[i]);
        var series = new[] { first }.Concat(Enumerable.Range(0, result.SeedTraces.Count).Where(i => i != first))
            .Where(i => result.SeedTraces[i].Count > 0)
            .Select(i =>
            {
                var rows = result.SeedTraces[i];
                var metrics = new Dictionary<string, double[]> { [MetricNames.Nc1] = rows.Select(r => r.Nc1[^1]).ToArray() };
                for (int l = 0; l + 1 < result.Spec.Problem.Layers; l++)
                {
                    int layer = l;
                    metrics[$"nc1 of H_{l + 1}"] = rows.Select(r => r.Nc1[layer]).ToArray();
                }
                return new UfmReportSeries($"seed {result.Spec.Solve.Seed + i}", rows.Select(r => r.Iteration).ToArray(),
                    rows.Select(r => r.Objective).ToArray(), rows.Select(r => r.GradientNorm).ToArray(), metrics);
            })
            .ToList();
        var spectra = best.Layers.Select(l => new UfmLayerSpectrum($"H_{l.Layer}", l.FeatureSingularValues))
            .Concat(best.Layers.Select(l => new UfmLayerSpectrum($"W_{l.Layer}", l.WeightSingularValues)))
            .Append(new UfmLayerSpectrum("W_L⋯W_1", best.EndToEndSingularValues))
            .ToList();
        var summary = new List<(string, string)>
        {
            ("objective", Number(best.Objective)),
            ("gradient norm", Number(best.GradientNorm)),
            ("iterations", best.Iterations.ToString(CultureInfo.InvariantCulture)),
            ("stopped", best.StopDescription),
            ("landscape", result.Landscape.Verdict),
        };
        foreach (var layer in best.Layers)
        {
            summary.Add(($"layer {layer.Layer}: nc1, rank of H_l, rank of W_l",
                $"{Number(layer.Metrics.Nc1)}, {layer.FeatureRank}, {layer.WeightRank}"));
        }
        return new UfmReportData
        {
            Title = "Deep unconstrained features model",
            Problem = result.Spec.Problem.Describe(),
            Summary = summary,
            Series = series,
            Layers = spectra,
            SeedObjectives = objectives,
        };
    }

    private static void CreateFolder(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(folder, $"cannot create the folder: {e.Message}", e);
        }
    }

    private static string TraceCsv(IReadOnlyList<IReadOnlyList<UfmTraceRow>> traces, long firstSeed)
    {
        var text = new StringBuilder();
        text.Append("seed,iteration,seconds,objective,gradient_norm,").AppendJoin(',', MetricNames.All).Append('\n');
        for (int s = 0; s < traces.Count; s++)
        {
            foreach (var row in traces[s])
            {
                text.Append(CultureInfo.InvariantCulture, $"{firstSeed + s},{row.Iteration},{Number(row.Seconds)},{Number(row.Objective)},{Number(row.GradientNorm)}");
                foreach (var (_, value) in row.Metrics.ByName()) text.Append(',').Append(value is double v ? Number(v) : "");
                text.Append('\n');
            }
        }
        return text.ToString();
    }

    private static UfmReportData Report(UfmStudyResult result)
    {
        var landscape = result.Landscape;
        int best = Enumerable.Range(0, landscape.SeedObjectives.Count).MinBy(i => landscape.SeedObjectives[i]);
        var order = new[] { best }.Concat(Enumerable.Range(0, landscape.SeedTraces.Count).Where(i => i != best));
        var series = order
            .Where(i => i < landscape.SeedTraces.Count && landscape.SeedTraces[i].Count > 0)
            .Select(i => Series($"seed {result.Spec.Solve.Seed + i}", landscape.SeedTraces[i]))
            .ToList();
        return new UfmReportData
        {
            Title = "Unconstrained features model",
            Problem = result.Spec.Problem.Describe(),
            Summary = Summary(result),
            Series = series,
            WeightGram = result.Geometry.WeightGram,
            SeedObjectives = landscape.SeedObjectives,
        };
    }

    private static UfmReportSeries Series(string label, IReadOnlyList<UfmTraceRow> rows)
    {
        var metrics = PlottedMetrics.ToDictionary(
            name => name,
            name => rows.Select(r => r.Metrics.ByName().First(m => m.Key == name).Value ?? double.NaN).ToArray());
        return new UfmReportSeries(label, rows.Select(r => r.Iteration).ToArray(), rows.Select(r => r.Objective).ToArray(),
            rows.Select(r => r.GradientNorm).ToArray(), metrics);
    }

    private static List<(string Name, string Value)> Summary(UfmStudyResult result)
    {
        var best = result.Best;
        var prediction = result.Prediction;
        var geometry = result.Geometry;
        var rows = new List<(string, string)>
        {
            ("objective", Number(best.Objective)),
            ("predicted objective", prediction.Objective is double f ? Number(f) : "no closed form"),
        };
        if (result.RelativeGap is double gap) rows.Add(("relative gap", Number(gap)));
        rows.Add(("gradient norm", Number(best.GradientNorm)));
        rows.Add(("iterations", best.Iterations.ToString(CultureInfo.InvariantCulture)));
        rows.Add(("stopped", best.StopDescription));
        rows.Add(("‖W‖_F (theory)", Pair(geometry.WeightNorm, prediction.WeightNorm)));
        rows.Add(("‖H‖_F (theory)", Pair(geometry.FeatureNorm, prediction.FeatureNorm)));
        if (geometry.BiasNorm is double b) rows.Add(("‖b‖ (theory)", Pair(b, prediction.BiasNorm)));
        rows.Add(("rank of the class means (theory)", $"{geometry.ClassMeanRank}{(prediction.FeatureRank is int r ? $" ({r})" : "")}"));
        rows.Add(("max |cos| of two class means", Number(geometry.ClassMeanMaxCosine)));
        rows.Add(("global optimum", result.GlobalOptimum switch { true => "yes", false => "no", null => "unknown (no closed form)" }));
        rows.Add(("theory", prediction.Reason));
        rows.Add(("landscape", result.Landscape.Verdict));
        if (result.SolutionHessian is { } h) rows.Add(("smallest Hessian eigenvalue", $"{Number(h.Smallest)} ± {Number(h.SmallestResidual)}"));
        if (result.ZeroHessian is { } z) rows.Add(("smallest Hessian eigenvalue at W = 0, H = 0", Number(z.Smallest)));
        foreach (var (name, value) in best.Metrics.ByName())
        {
            if (value is double v) rows.Add((name, Number(v)));
        }
        return rows;
    }

    private static string Pair(double achieved, double? predicted) =>
        predicted is double p ? $"{Number(achieved)} ({Number(p)})" : Number(achieved);

    private static string Number(double value) => value.ToString("G10", CultureInfo.InvariantCulture);
}
