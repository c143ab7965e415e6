using System.Globalization;
using LowDim.Measurement;
using LowDim.Theory;
using Spectre.Console;

namespace LowDim.Cli.Commands;

/// <summary>How <c>lowdim ufm --layers L</c> shows a deep UFM: collapse and spectra per layer, as tables or one JSON object.</summary>
internal static class DeepUfmOutput
{
    /// <summary>Singular values shown per matrix in the table (the JSON has them all).</summary>
    private const int Shown = 6;

    public static void WriteTables(IAnsiConsole console, DeepUfmStudyResult result, string? report)
    {
        var best = result.Best;
        var table = new Table().Border(TableBorder.Rounded).Title($"the best of {result.Landscape.SeedObjectives.Count} starts: every layer")
            .AddColumn("layer").AddColumn(new TableColumn("width").RightAligned())
            .AddColumn(new TableColumn("nc1").RightAligned()).AddColumn(new TableColumn("nc2_etf").RightAligned())
            .AddColumn(new TableColumn("rank H_l").RightAligned()).AddColumn("singular values of H_l")
            .AddColumn(new TableColumn("rank W_l").RightAligned());
        foreach (var layer in best.Layers)
        {
            table.AddRow(
                layer.Layer.ToString(CultureInfo.InvariantCulture),
                result.Spec.Problem.Widths[layer.Layer - 1].ToString(CultureInfo.InvariantCulture),
                UfmOutput.Format(layer.Metrics.Nc1), UfmOutput.Format(layer.Metrics.Nc2Etf),
                layer.FeatureRank.ToString(CultureInfo.InvariantCulture), Values(layer.FeatureSingularValues),
                layer.WeightRank.ToString(CultureInfo.InvariantCulture));
        }
        console.Write(table);
        console.MarkupLine($"singular values of W_L⋯W_1: {Values(best.EndToEndSingularValues)}");
        console.MarkupLine($"objective {UfmOutput.Precise(best.Objective)}, gradient norm {UfmOutput.Format(best.GradientNorm)}, {best.Iterations:N0} iterations");
        console.MarkupLine($"[grey]stopped: {Markup.Escape(best.StopDescription)}[/]");
        console.MarkupLine($"landscape: {Markup.Escape(result.Landscape.Verdict)}");
        var last = best.Layers[^1].Metrics;
        var metrics = new Table().Border(TableBorder.Rounded).Title("neural collapse of the last layer's features H_L")
            .AddColumn("metric").AddColumn(new TableColumn("value").RightAligned()).AddColumn("what it is");
        foreach (var (name, value) in last.ByName())
        {
            if (value is double v) metrics.AddRow(name, UfmOutput.Format(v), Markup.Escape(MeasureOutput.Meaning[name]));
        }
        console.Write(metrics);
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]solved in {result.Seconds:0.00} s[/]"));
        if (report is not null) console.MarkupLine($"report: {Markup.Escape(report)}");
    }

    /// <summary>One JSON object: the fields of the UFM's (no closed form: predicted_objective and global_optimum null) and the layers.</summary>
    public static string Json(DeepUfmStudyResult result, string? report) => JsonObjectLine.Write(json =>
    {
        var problem = result.Spec.Problem;
        var best = result.Best;
        json.WriteString("loss", problem.Loss.Kind);
        json.WriteNumber("classes", problem.Classes);
        UfmOutput.Array(json, "class_sizes", problem.ClassSizes.Select(n => (double)n));
        UfmOutput.Array(json, "widths", problem.Widths.Select(n => (double)n));
        json.WriteString("activation", problem.UsesRelu ? "relu" : "linear");
        UfmOutput.Array(json, "lambda_w", problem.LambdaW);
        json.WriteNumber("lambda_h", problem.LambdaH);
        json.WriteString("dtype", problem.DType.ToString().ToLowerInvariant());
        json.WriteString("solver", result.Spec.Solve.Minimizer.Method == MinimizerMethod.Lbfgs ? "lbfgs" : "gd");
        json.WriteString("start", result.Spec.Start switch { DeepUfmStart.Collapsed => "collapsed", DeepUfmStart.StronglyRegularGraph => "srg", _ => "random" });
        json.WriteNumberOrNull("objective", best.Objective);
        json.WriteNull("predicted_objective");
        json.WriteNumberOrNull("gradient_norm", best.GradientNorm);
        json.WriteNumber("iterations", best.Iterations);
        json.WriteString("stop_reason", UfmOutput.StopCode(best.Result.Reason));
        json.WriteString("stop_description", best.StopDescription);
        foreach (var (name, value) in best.Layers[^1].Metrics.ByName()) json.WriteNumberOrNull(name, value);
        json.WriteNull("global_optimum");
        UfmOutput.Array(json, "seed_objectives", result.Landscape.SeedObjectives);
        json.WriteBoolean("landscape_same_objective", result.Landscape.SameObjective);
        json.WriteNumberOrNull("landscape_spread", result.Landscape.Spread);
        json.WriteStartArray("layers");
        foreach (var layer in best.Layers)
        {
            json.WriteStartObject();
            json.WriteNumber("layer", layer.Layer);
            json.WriteNumberOrNull(MetricNames.Nc1, layer.Metrics.Nc1);
            json.WriteNumberOrNull(MetricNames.Nc1Quotient, layer.Metrics.Nc1Quotient);
            json.WriteNumberOrNull(MetricNames.Nc2Etf, layer.Metrics.Nc2Etf);
            json.WriteNumber("feature_rank", layer.FeatureRank);
            UfmOutput.Array(json, "feature_singular_values", layer.FeatureSingularValues);
            json.WriteNumber("weight_rank", layer.WeightRank);
            UfmOutput.Array(json, "weight_singular_values", layer.WeightSingularValues);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        UfmOutput.Array(json, "end_to_end_singular_values", best.EndToEndSingularValues);
        json.WriteNumber("seconds", result.Seconds);
        if (report is not null) json.WriteString("report", report);
    });

    /// <summary>A structured start in words.</summary>
    public static string StartName(DeepUfmStart start) => start switch
    {
        DeepUfmStart.Collapsed => "the deep-neural-collapse point (every layer's class means K orthogonal vectors of equal norm)",
        DeepUfmStart.StronglyRegularGraph => "the strongly-regular-graph point (classes = edges of the complete graph on r vertices, rank r before the last ReLU)",
        _ => "random",
    };

    private static string Values(IReadOnlyList<double> values) =>
        string.Join(" ", values.Take(Shown).Select(v => v.ToString("0.###e+0", CultureInfo.InvariantCulture)))
        + (values.Count > Shown ? $" … ({values.Count})" : "");
}
