using System.Globalization;
using System.Text.Json;
using LowDim.Measurement;
using LowDim.Theory;
using Spectre.Console;

namespace LowDim.Cli.Commands;

/// <summary>How <c>lowdim ufm</c> shows its result: tables for people, one JSON object for scripts.</summary>
internal static class UfmOutput
{
    public static void WriteHeader(IAnsiConsole console, string problem, MinimizerOptions minimizer, int seeds, long firstSeed, TorchSharp.torch.ScalarType dtype)
    {
        string solver = minimizer.Method == MinimizerMethod.Lbfgs
            ? "L-BFGS"
            : string.Create(CultureInfo.InvariantCulture, $"gradient descent (step {minimizer.LearningRate:G4})");
        console.MarkupLine($"[bold]UFM[/] {Markup.Escape(problem)}");
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{solver}, {seeds} start{(seeds == 1 ? "" : "s")} from seed {firstSeed}, at most {minimizer.MaxIterations:N0} iterations, gradient tolerance {minimizer.GradientTolerance:G2}, {dtype.ToString().ToLowerInvariant()}")));
    }

    public static void WriteTables(IAnsiConsole console, UfmStudyResult result, string? report)
    {
        var best = result.Best;
        var prediction = result.Prediction;
        var geometry = result.Geometry;
        var table = new Table().Border(TableBorder.Rounded).Title($"the best of {result.Landscape.SeedObjectives.Count} starts")
            .AddColumn("").AddColumn(new TableColumn("solution").RightAligned()).AddColumn(new TableColumn("theory").RightAligned());
        table.AddRow("objective", Precise(best.Objective), prediction.Objective is double f ? Precise(f) : "[grey]no closed form[/]");
        if (result.RelativeGap is double gap) table.AddRow("relative gap", Format(gap), "");
        table.AddRow("gradient norm", Format(best.GradientNorm), "");
        table.AddRow("iterations", best.Iterations.ToString("N0", CultureInfo.InvariantCulture), "");
        table.AddRow("‖W‖_F", Format(geometry.WeightNorm), Optional(prediction.WeightNorm));
        table.AddRow("‖H‖_F", Format(geometry.FeatureNorm), Optional(prediction.FeatureNorm));
        if (geometry.BiasNorm is double b) table.AddRow("‖b‖", Format(b), Optional(prediction.BiasNorm));
        table.AddRow("rank of the class means", geometry.ClassMeanRank.ToString(CultureInfo.InvariantCulture),
            prediction.FeatureRank?.ToString(CultureInfo.InvariantCulture) ?? "");
        table.AddRow("max |cos| of two class means", Format(geometry.ClassMeanMaxCosine), "");
        table.AddRow("global optimum", result.GlobalOptimum switch { true => "[green]yes[/]", false => "[red]no[/]", null => "[grey]unknown[/]" }, "");
        if (result.SolutionHessian is { } h)
            table.AddRow("smallest Hessian eigenvalue", Format(h.Smallest), $"[grey]± {Format(h.SmallestResidual)}[/]");
        console.Write(table);
        console.MarkupLine($"[grey]stopped: {Markup.Escape(best.StopDescription)}[/]");
        console.MarkupLine($"theory: {Markup.Escape(prediction.Reason)}");
        console.MarkupLine($"landscape: {Markup.Escape(result.Landscape.Verdict)}");
        if (result.ZeroPoint is { } zero && result.ZeroHessian is { } z)
        {
            string verdict = z.Smallest < -z.SmallestResidual ? "[green]a strict saddle[/]" : "[yellow]not shown to be a strict saddle[/]";
            console.MarkupLine($"W = 0, H = 0: f = {Precise(zero.Objective)}, gradient norm {Format(zero.GradientNorm)}, smallest Hessian eigenvalue {Format(z.Smallest)} (largest {Format(z.Largest)}): {verdict}");
        }

        var metrics = new Table().Border(TableBorder.Rounded).Title("neural collapse of the solution")
            .AddColumn("metric").AddColumn(new TableColumn("value").RightAligned()).AddColumn("what it is");
        foreach (var (name, value) in best.Metrics.ByName())
        {
            if (value is double v) metrics.AddRow(name, Format(v), Markup.Escape(MeasureOutput.Meaning[name]));
        }
        console.Write(metrics);

        if (prediction.ClassMeanNorms is { } predictedMeans)
        {
            var classes = new Table().Border(TableBorder.Rounded).Title("class means and classifier rows")
                .AddColumn("class").AddColumn(new TableColumn("n_k").RightAligned())
                .AddColumn(new TableColumn("‖h̄_k‖").RightAligned()).AddColumn(new TableColumn("theory").RightAligned())
                .AddColumn(new TableColumn("‖w_k‖").RightAligned()).AddColumn(new TableColumn("theory").RightAligned());
            for (int k = 0; k < geometry.ClassMeanNorms.Count; k++)
            {
                classes.AddRow(k.ToString(CultureInfo.InvariantCulture), result.Spec.Problem.ClassSizes[k].ToString(CultureInfo.InvariantCulture),
                    Format(geometry.ClassMeanNorms[k]), Format(predictedMeans[k]),
                    Format(geometry.ClassifierRowNorms[k]), prediction.ClassifierRowNorms is { } rows ? Format(rows[k]) : "");
            }
            console.Write(classes);
        }
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]solved in {result.Seconds:0.00} s[/]"));
        if (report is not null) console.MarkupLine($"report: {Markup.Escape(report)}");
    }

    /// <summary>One JSON object with the problem, the solution, theory's prediction, the landscape and the Hessian checks.</summary>
    public static string Json(UfmStudyResult result, string? report) => JsonObjectLine.Write(json =>
    {
        var spec = result.Spec;
        var problem = spec.Problem;
        var best = result.Best;
        var prediction = result.Prediction;
        var geometry = result.Geometry;
        json.WriteString("loss", problem.Loss.Kind);
        json.WriteNumber("classes", problem.Classes);
        json.WriteNumber("dim", problem.Dim);
        Array(json, "class_sizes", problem.ClassSizes.Select(n => (double)n));
        json.WriteNumber("lambda_w", problem.LambdaW);
        json.WriteNumber("lambda_h", problem.LambdaH);
        if (problem.Bias) json.WriteNumber("lambda_b", problem.LambdaB);
        json.WriteBoolean("bias", problem.Bias);
        json.WriteString("dtype", problem.DType.ToString().ToLowerInvariant());
        json.WriteString("solver", spec.Solve.Minimizer.Method == MinimizerMethod.Lbfgs ? "lbfgs" : "gd");
        json.WriteNumberOrNull("objective", best.Objective);
        json.WriteNumberOrNull("predicted_objective", prediction.Objective);
        json.WriteNumberOrNull("relative_gap", result.RelativeGap);
        json.WriteNumberOrNull("gradient_norm", best.GradientNorm);
        json.WriteNumber("iterations", best.Iterations);
        json.WriteString("stop_reason", StopCode(best.Result.Reason));
        json.WriteString("stop_description", best.StopDescription);
        foreach (var (name, value) in best.Metrics.ByName()) json.WriteNumberOrNull(name, value);
        if (result.GlobalOptimum is bool global) json.WriteBoolean("global_optimum", global);
        else json.WriteNull("global_optimum");
        json.WriteString("theory", prediction.Reason);
        json.WriteNumberOrNull("weight_norm", geometry.WeightNorm);
        json.WriteNumberOrNull("predicted_weight_norm", prediction.WeightNorm);
        json.WriteNumberOrNull("feature_norm", geometry.FeatureNorm);
        json.WriteNumberOrNull("predicted_feature_norm", prediction.FeatureNorm);
        if (problem.Bias)
        {
            json.WriteNumberOrNull("bias_norm", geometry.BiasNorm);
            json.WriteNumberOrNull("predicted_bias_norm", prediction.BiasNorm);
        }
        Array(json, "class_mean_norms", geometry.ClassMeanNorms);
        if (prediction.ClassMeanNorms is { } means) Array(json, "predicted_class_mean_norms", means);
        Array(json, "class_mean_singular_values", geometry.ClassMeanSingularValues);
        json.WriteNumber("class_mean_rank", geometry.ClassMeanRank);
        json.WriteNumberOrNull("class_mean_max_cosine", geometry.ClassMeanMaxCosine);
        if (prediction.FeatureRank is int rank) json.WriteNumber("predicted_class_mean_rank", rank);
        Array(json, "seed_objectives", result.Landscape.SeedObjectives);
        json.WriteBoolean("landscape_same_objective", result.Landscape.SameObjective);
        json.WriteNumberOrNull("landscape_spread", result.Landscape.Spread);
        if (result.SolutionHessian is { } h)
        {
            json.WriteNumberOrNull("min_hessian_eigenvalue", h.Smallest);
            json.WriteNumberOrNull("min_hessian_eigenvalue_residual", h.SmallestResidual);
        }
        if (result.ZeroPoint is { } zero && result.ZeroHessian is { } z)
        {
            json.WriteStartObject("zero_point");
            json.WriteNumberOrNull("objective", zero.Objective);
            json.WriteNumberOrNull("gradient_norm", zero.GradientNorm);
            json.WriteNumberOrNull("min_hessian_eigenvalue", z.Smallest);
            json.WriteNumberOrNull("max_hessian_eigenvalue", z.Largest);
            json.WriteBoolean("strict_saddle", z.Smallest < -z.SmallestResidual);
            json.WriteEndObject();
        }
        json.WriteNumber("seconds", result.Seconds);
        if (report is not null) json.WriteString("report", report);
    });

    internal static void Array(Utf8JsonWriter json, string name, IEnumerable<double> values)
    {
        json.WriteStartArray(name);
        foreach (double v in values)
        {
            if (double.IsFinite(v)) json.WriteNumberValue(v);
            else json.WriteNullValue();
        }
        json.WriteEndArray();
    }

    /// <summary>The stop reason as a snake_case code, for example <c>no_progress</c>.</summary>
    internal static string StopCode(StopReason reason) => reason switch
    {
        StopReason.Converged => "converged",
        StopReason.IterationLimit => "iteration_limit",
        StopReason.NoProgress => "no_progress",
        StopReason.Diverged => "diverged",
        StopReason.TargetReached => "target_reached",
        _ => "cancelled",
    };

    private static string Optional(double? value) => value is double v ? Format(v) : "";

    internal static string Format(double value) => MeasureOutput.Format(value);

    internal static string Precise(double value) => value.ToString("0.000000000000", CultureInfo.InvariantCulture);
}
