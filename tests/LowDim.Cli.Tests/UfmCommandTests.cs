using System.Text.Json;
using LowDim.Measurement;
using static LowDim.Cli.Tests.CliRunner;

namespace LowDim.Cli.Tests;

public sealed class UfmCommandTests : IDisposable
{
    private static readonly string[] Small = ["ufm", "--classes", "4", "--dim", "8", "--per-class", "5", "--lambda-w", "1e-2", "--lambda-h", "1e-2", "--lambda-b", "1e-2"];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"lowdim-ufm-test-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The small problem with <paramref name="given"/> in place of its own values of the same options.</summary>
    private static string[] Args(params string[] given)
    {
        var kept = new List<string>();
        for (int i = 0; i < Small.Length; i++)
        {
            if (Small[i].StartsWith("--", StringComparison.Ordinal) && given.Contains(Small[i])) i++;
            else if (Small[i] == "--per-class" && given.Contains("--class-sizes")) i++;
            else kept.Add(Small[i]);
        }
        return [.. kept, .. given];
    }

    private static JsonElement Json(params string[] extra)
    {
        var (code, output, error) = Run(Args(["--json", "--no-report", .. extra]));
        Assert.True(code == 0, error);
        Assert.Single(output.Trim().Split('\n'));
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    [Fact]
    public void JsonHasTheFieldsTheIssueNamesAndTheOptimumIsTheClosedForm()
    {
        var json = Json("--seeds", "3");

        foreach (string field in (string[])["objective", "predicted_objective", "gradient_norm", "global_optimum", "seed_objectives", "iterations"])
            Assert.True(json.TryGetProperty(field, out _), field);
        foreach (string metric in MetricNames.All) Assert.True(json.TryGetProperty(metric, out _), metric);
        Assert.Equal(3, json.GetProperty("seed_objectives").GetArrayLength());
        Assert.True(json.GetProperty("global_optimum").GetBoolean());
        double objective = json.GetProperty("objective").GetDouble(), predicted = json.GetProperty("predicted_objective").GetDouble();
        // L-BFGS stops at float64's resolution of the objective (gradient norm near 1e-10): the values agree far below 1e-6.
        Assert.True(Math.Abs(objective - predicted) <= 1e-10 * predicted, $"{objective} vs {predicted}");
        Assert.True(json.GetProperty("nc1").GetDouble() < 1e-12);
        Assert.True(json.GetProperty("nc2_etf").GetDouble() < 1e-6);
        Assert.True(json.GetProperty("landscape_same_objective").GetBoolean());
        Assert.False(json.TryGetProperty("min_hessian_eigenvalue", out _));
    }

    [Fact]
    public void HessianShowsTheOriginIsAStrictSaddle()
    {
        var json = Json("--seeds", "1", "--hessian");

        var zero = json.GetProperty("zero_point");
        Assert.True(zero.GetProperty("strict_saddle").GetBoolean());
        // At W = 0, H = 0 the Hessian is [[λ_W I, C], [Cᵀ, λ_H I]] (the bias block aside) with C from the loss gradient
        // G = (softmax(0) − Y)/N, so its smallest eigenvalue is λ − ‖G‖₂ = λ − 1/(K√n) for balanced classes.
        Assert.Equal(1e-2 - 1 / (4 * Math.Sqrt(5)), zero.GetProperty("min_hessian_eigenvalue").GetDouble(), 1e-8);
        Assert.True(json.GetProperty("min_hessian_eigenvalue").GetDouble() > -1e-8);
    }

    [Fact]
    public void WithoutAClosedFormTheOptimumIsUnknownNotFalse()
    {
        var json = Json("--seeds", "2", "--loss", "mse", "--mse-scale", "2");

        Assert.Equal(JsonValueKind.Null, json.GetProperty("predicted_objective").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("global_optimum").ValueKind);
        Assert.Contains("≠ 1", json.GetProperty("theory").GetString());
    }

    [Fact]
    public void ImbalancedBiasFreeSquareLossGivesOrthogonalMeansOfThePredictedLengths()
    {
        var json = Json("--seeds", "2", "--loss", "mse", "--no-bias", "--class-sizes", "12,8,4,2");

        Assert.True(json.GetProperty("global_optimum").GetBoolean());
        Assert.True(json.GetProperty("class_mean_max_cosine").GetDouble() < 1e-6);
        var achieved = json.GetProperty("class_mean_norms").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var predicted = json.GetProperty("predicted_class_mean_norms").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        // Lengths are square roots of singular values resolved to about 1e-8 relative at a gradient norm of 1e-10.
        for (int k = 0; k < 4; k++) Assert.Equal(predicted[k], achieved[k], 1e-6);
    }

    [Fact]
    public void GradientDescentRunsAndSaysWhyItStopped()
    {
        var json = Json("--seeds", "1", "--solver", "gd", "--lr", "1", "--iterations", "50");

        Assert.Equal("gd", json.GetProperty("solver").GetString());
        Assert.Equal(50, json.GetProperty("iterations").GetInt32());
        Assert.Equal("iteration_limit", json.GetProperty("stop_reason").GetString());
        Assert.False(json.GetProperty("global_optimum").GetBoolean());
    }

    [Fact]
    public void TheRunFolderHasTheResultTheTraceAndTheReport()
    {
        var (code, output, error) = Run(Args("--seeds", "2", "--out", _folder));
        Assert.True(code == 0, error);
        Assert.Contains("global optimum", output);
        Assert.Contains("no spurious local minimum found", output);
        foreach (string file in (string[])["result.json", "trace.csv", "report.html", "ufm-metrics.png", "ufm-objective.png", "ufm-gram.png", "ufm-seeds.png"])
            Assert.True(File.Exists(Path.Combine(_folder, file)), file);
        using var result = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "result.json")));
        Assert.Equal(Path.Combine(_folder, "report.html"), result.RootElement.GetProperty("report").GetString());
        var trace = File.ReadAllLines(Path.Combine(_folder, "trace.csv"));
        Assert.StartsWith("seed,iteration,seconds,objective,gradient_norm,nc1,", trace[0]);
        Assert.Contains(trace, line => line.StartsWith("1,0,", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp*"));
    }

    [Fact]
    public void AtTheSameDepthTheStronglyRegularGraphPointBeatsDeepNeuralCollapse()
    {
        string[] problem = ["ufm", "--loss", "mse", "--classes", "6", "--per-class", "1", "--layers", "5", "--widths", "8,8,8,8,8",
            "--lambda-w", "2e-3", "--lambda-h", "2e-3", "--iterations", "3000", "--json", "--no-report"];
        var collapsed = Run([.. problem, "--start", "collapsed"]);
        var lowRank = Run([.. problem, "--start", "srg"]);
        Assert.True(collapsed.ExitCode == 0, collapsed.Error);
        Assert.True(lowRank.ExitCode == 0, lowRank.Error);
        using var a = JsonDocument.Parse(collapsed.Output);
        using var b = JsonDocument.Parse(lowRank.Output);

        // Súkeník, Lampert & Mondelli 2024: with five layers the rank-4 point is lower than deep neural collapse
        // (0.89 of it in DeepUfmRegimeTests' polished solves; L-BFGS alone stops within 1e-6 of those).
        Assert.Equal("srg", b.RootElement.GetProperty("start").GetString());
        Assert.True(b.RootElement.GetProperty("objective").GetDouble() < 0.95 * a.RootElement.GetProperty("objective").GetDouble());
        var layers = b.RootElement.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("feature_rank").GetInt32()).ToArray();
        Assert.Equal([4, 4, 4, 4, 6], layers);
        Assert.Single(a.RootElement.GetProperty("seed_objectives").EnumerateArray());
    }

    [Theory]
    [InlineData("--start collapsed", "--start is for the deep UFM (--layers); the UFM starts at random points")]
    [InlineData("--layers 2 --start srg --seeds 1", "the strongly-regular-graph start needs K = r(r − 1)/2 classes (3, 6, 10, 15, ...), got K = 4")]
    [InlineData("--layers 2 --start collapsed --seeds 3", "a structured start is one point: --seeds must be 1 with it, got 3")]
    [InlineData("--classes 1", "--classes must be at least 2, got 1")]
    [InlineData("--per-class 5 --class-sizes 1,2,3,4 --seeds 1", "give --per-class or --class-sizes, not both")]
    [InlineData("--class-sizes 1,2", "--class-sizes lists 2 sizes but --classes is 4")]
    [InlineData("--class-sizes 1,x,3,4", "--class-sizes must be a number or a comma-separated list of numbers, not '1,x,3,4'")]
    [InlineData("--lambda-h -1", "--lambda-h must be a finite number ≥ 0, got -1")]
    [InlineData("--lambda-w 1,2", "--lambda-w takes one value for the UFM (one per layer needs --layers)")]
    [InlineData("--seeds 0", "--seeds must be at least 1, got 0")]
    [InlineData("--solver gd --lr 1e9 --seeds 1", "gradient descent diverged at iteration")]
    public void BadInputIsOneLineAndExitCodeTwo(string options, string message)
    {
        var (code, output, error) = Run(Args([.. options.Split(' '), "--no-report"]));
        Assert.Equal(2, code);
        Assert.StartsWith($"error: {message}", error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.True(output.Length == 0 || message.Contains("diverged", StringComparison.Ordinal), $"printed before the error: {output}");
    }
}
