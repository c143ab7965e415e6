using System.Text.Json;
using LowDim.Measurement;
using LowDim.Theory;
using LowDim.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Tests.Theory;

/// <summary>
/// The closed-form UFM optimum against tools/reference/ufm_reference.py (a numerical minimisation of the full
/// problem in PyTorch), against the objective of the point it builds, and in its limiting cases.
/// </summary>
public class UfmClosedFormTests
{
    private static readonly string GoldenPath = Path.Combine(AppContext.BaseDirectory, "golden", "ufm_reference.json");
    private static readonly Lazy<JsonDocument> Golden = new(() => JsonDocument.Parse(File.ReadAllText(GoldenPath)));

    /// <summary>Problems beyond the golden ones, for the checks that need no reference: edge sizes, other parameters.</summary>
    private static readonly Dictionary<string, UfmProblem> Extra = new()
    {
        ["ce_two_classes_d1"] = UfmProblem.Balanced(2, 1, 3) with { LambdaW = 1e-2, LambdaH = 3e-2, LambdaB = 1e-2 },
        ["ls_0.3"] = UfmProblem.Balanced(5, 4, 4) with { Loss = new LossOptions { Kind = "ls", Smoothing = 0.3 }, LambdaW = 5e-3, LambdaH = 1e-2 },
        ["focal_0.5_no_bias"] = UfmProblem.Balanced(3, 5, 4) with { Loss = new LossOptions { Kind = "focal", FocalGamma = 0.5 }, Bias = false },
        ["focal_2_k100"] = UfmProblem.Balanced(100, 99, 1) with { Loss = new LossOptions { Kind = "focal", FocalGamma = 2 }, LambdaW = 0.011, LambdaH = 0.011 },
        ["mse_negative_target"] = UfmProblem.Balanced(4, 6, 5) with { Loss = new LossOptions { Kind = "mse", MseTarget = -2 }, LambdaW = 2e-3, LambdaH = 1e-3, LambdaB = 0.1 },
        ["mse_unregularised_bias_d_below_k"] = UfmProblem.Balanced(6, 3, 5) with { Loss = new LossOptions { Kind = "mse" }, LambdaW = 1e-3, LambdaH = 1e-3, LambdaB = 0 },
        ["mse_tie_at_the_cut"] = new UfmProblem { Loss = new LossOptions { Kind = "mse" }, Classes = 4, Dim = 2, ClassSizes = [5, 5, 5, 3], Bias = false, LambdaW = 1e-3, LambdaH = 1e-3 },
        ["mse_collapse_with_bias"] = UfmProblem.Balanced(3, 4, 4) with { Loss = new LossOptions { Kind = "mse" }, LambdaW = 0.1, LambdaH = 0.1, LambdaB = 0.1 },
    };

    public static TheoryData<string> GoldenCases()
    {
        var data = new TheoryData<string>();
        foreach (var c in Golden.Value.RootElement.GetProperty("cases").EnumerateArray()) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    public static TheoryData<string> AllCases()
    {
        var data = GoldenCases();
        foreach (var name in Extra.Keys) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void MatchesTheNumericalOptimum(string name)
    {
        var c = GoldenCase(name);
        var numeric = c.GetProperty("numeric");
        var closed = c.GetProperty("closed_form");

        var prediction = UfmClosedForm.Predict(Problem(name));

        // The reference polishes LBFGS's answer with Newton steps down to gradient norms below 1e-14 and meets its
        // own closed forms to 1e-11 or better; the objective's error is quadratic in the distance to the optimum and
        // the norms' linear. 1e-9 relative leaves room for that and for the 1-D solve, and catches any wrong formula.
        // Values that are zero at the optimum come out of the reference as ~1e-15: they get an absolute 1e-12.
        const double relative = 1e-9, absolute = 1e-12;
        Assert.True(prediction.Exists, prediction.Reason);
        Tolerance.Close(numeric.GetProperty("objective").GetDouble(), prediction.Objective!.Value, relative, absolute, "objective");
        Tolerance.Close(numeric.GetProperty("weight_norm").GetDouble(), prediction.WeightNorm!.Value, relative, absolute, "‖W‖");
        Tolerance.Close(numeric.GetProperty("feature_norm").GetDouble(), prediction.FeatureNorm!.Value, relative, absolute, "‖H‖");
        if (closed.GetProperty("bias_norm").ValueKind == JsonValueKind.Null)
            Assert.True(prediction.BiasNorm is null || c.GetProperty("lambda_b").GetDouble() == 0, "a bias norm where the optimum has no unique bias");
        else
            Tolerance.Close(numeric.GetProperty("bias_norm").GetDouble(), prediction.BiasNorm!.Value, relative, absolute, "‖b‖");
        CloseList(numeric.GetProperty("class_mean_norms"), prediction.ClassMeanNorms!, relative, absolute, "‖μ_k‖");
        CloseList(numeric.GetProperty("classifier_row_norms"), prediction.ClassifierRowNorms!, relative, absolute, "‖w_k‖");
        CloseList(numeric.GetProperty("product_singular_values"), prediction.ProductSingularValues!, relative, absolute, "σ(W [μ_k])");
        Assert.Equal(numeric.GetProperty("feature_rank").GetInt32(), prediction.FeatureRank);
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void TheOptimalPointAttainsThePredictedObjective(string name)
    {
        using var scope = NewDisposeScope();
        var problem = Problem(name);
        var prediction = UfmClosedForm.Predict(problem);
        using var point = UfmClosedForm.OptimalPoint(problem)!;

        // f at the point, computed in float64 by the library's loss: a few ulps of rounding in sums of N·K terms.
        Tolerance.Close(prediction.Objective!.Value, Objective(problem, point), 1e-12, 0, "f(optimal point)");
        Tolerance.Close(prediction.WeightNorm!.Value, point.Weight.norm().item<double>(), 1e-12, 1e-15, "‖W‖");
        Tolerance.Close(prediction.FeatureNorm!.Value, point.Features.norm().item<double>(), 1e-12, 1e-15, "‖H‖");
        if (prediction.ClassifierRowNorms is { } rows)
            for (int k = 0; k < problem.Classes; k++)
                Tolerance.Close(rows[k], point.Weight[k].norm().item<double>(), 1e-12, 1e-15, $"‖w_{k}‖");
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void TheOptimalPointIsAStationaryLocalMinimum(string name)
    {
        using var scope = NewDisposeScope();
        var problem = Problem(name);
        using var point = UfmClosedForm.OptimalPoint(problem)!;
        var tensors = point.Tensors.Select(t => t.detach().clone().requires_grad_()).ToArray();
        using var variable = new UfmPoint(tensors[0], tensors[1], problem.Bias ? tensors[2] : null);

        var value = ObjectiveTensor(problem, variable);
        var gradient = torch.autograd.grad([value], tensors);
        double gradientNorm = Math.Sqrt(gradient.Sum(g => g.square().sum().item<double>()));
        var generator = new TorchSharp.torch.Generator(7);
        double worstChange = double.MaxValue;
        for (int trial = 0; trial < 5; trial++)
        {
            using var moved = new UfmPoint(
                point.Weight + 1e-3 * randn(point.Weight.shape, ScalarType.Float64, generator: generator),
                point.Features + 1e-3 * randn(point.Features.shape, ScalarType.Float64, generator: generator),
                point.Bias is null ? null : point.Bias + 1e-3 * randn(point.Bias.shape, ScalarType.Float64, generator: generator));
            worstChange = Math.Min(worstChange, Objective(problem, moved) - value.item<double>());
        }

        // Gradient entries are sums of terms of size λ‖W‖ ≈ 1e-2 with float64 rounding, and p is solved to 1e-15.
        Tolerance.Close(0, gradientNorm, 0, 1e-10, "‖∇f‖ at the optimal point");
        // A step of 1e-3 changes f by ~1e-6·(curvature) ≥ 0 at a minimum; rounding of f ≈ 1 is ~1e-15.
        Assert.True(worstChange > -1e-13, $"f falls by {-worstChange:E3} along a random direction");
    }

    [Fact]
    public void OneHotOptimumIsASimplexEtf()
    {
        using var scope = NewDisposeScope();
        var problem = Problem("focal_2");
        using var point = UfmClosedForm.OptimalPoint(problem)!;

        var metrics = NeuralCollapse.Measure(point.Features, problem.Labels(), problem.Classes, new LinearClassifier(point.Weight, point.Bias));

        // Exact float64 constructions: rounding only.
        Tolerance.Close(0, metrics.Nc1, 0, Tolerance.Float64, "nc1");
        Tolerance.Close(0, metrics.Nc2Etf, 0, Tolerance.Float64, "nc2_etf");
        Tolerance.Close(0, metrics.Nc2EtfW!.Value, 0, Tolerance.Float64, "nc2_etf_w");
        Tolerance.Close(0, metrics.Nc3!.Value, 0, Tolerance.Float64, "nc3");
        Assert.Equal(0.0, metrics.Nc4!.Value);
    }

    [Theory]
    [InlineData("ce", 0.0, 1.0)]
    [InlineData("ls", 0.3, 0.7)]
    public void OneHotLossesCollapseToZeroPastTheThreshold(string kind, double smoothing, double threshold)
    {
        // √(K N λ_W λ_H) against −ℓ'(0) = 1 − α: K = 4, n = 5, so √(K N) λ = 4√5 λ.
        var loss = new LossOptions { Kind = kind, Smoothing = smoothing };
        UfmProblem At(double slope) =>
            UfmProblem.Balanced(4, 6, 5) with { Loss = loss, LambdaW = slope / (4 * Math.Sqrt(5)), LambdaH = slope / (4 * Math.Sqrt(5)) };

        var above = UfmClosedForm.Predict(At(1.01 * threshold));
        var below = UfmClosedForm.Predict(At(0.99 * threshold));

        // At p = 0 all logits are equal: ℓ(0) = log K for both losses, computed by one log_softmax.
        Tolerance.Close(Math.Log(4), above.Objective!.Value, 1e-15, 0, "objective at collapse");
        Assert.Equal(0.0, above.WeightNorm!.Value);
        Assert.Equal(0.0, above.FeatureNorm!.Value);
        Assert.Equal(0, above.FeatureRank);
        Assert.All(above.ProductSingularValues!, v => Assert.Equal(0.0, v));
        Assert.Contains("collapse to zero", above.Reason);
        Assert.True(below.Objective < Math.Log(4) && below.WeightNorm > 0, below.Reason);
        Assert.Equal(3, below.FeatureRank);
        Assert.StartsWith("simplex ETF", below.Reason);
    }

    [Theory]
    [InlineData(0.011, true)]
    [InlineData(0.0112, false)]
    public void FocalLossFindsTheGlobalMinimumOfANonConvexProfile(double lambda, bool etf)
    {
        // K = 100, γ = 2: g(p) = ℓ(p) + √(K N λ_W λ_H) p has a local minimum at p = 0 (g'(0) > 0) and another at
        // p ≈ 2.4; the ETF's is the lower one at λ = 0.011 (slope 1.1) and zero's at λ = 0.0112 (slope 1.12).
        var problem = UfmProblem.Balanced(100, 99, 1) with { Loss = new LossOptions { Kind = "focal", FocalGamma = 2 }, LambdaW = lambda, LambdaH = lambda };
        var loss = ClassificationLoss.Create(problem.Loss);
        double slope = 100 * lambda;
        double Profile(double p)
        {
            using var scope = NewDisposeScope();
            var logits = tensor(Enumerable.Range(0, 100).Select(j => j == 0 ? p : -p / 99).ToArray(), [1, 100], ScalarType.Float64);
            return loss.Compute(logits, zeros(1, ScalarType.Int64)).item<double>() + slope * p;
        }
        double gridMinimum = Enumerable.Range(0, 801).Select(i => Profile(i * 0.01)).Min();

        var prediction = UfmClosedForm.Predict(problem);

        Assert.True(Profile(1e-6) > Profile(0), "p = 0 is a local minimum");
        // The grid's spacing 0.01 misses the minimum by at most g''·(0.005)²/2 ≈ 1e-5.
        Assert.True(prediction.Objective <= gridMinimum + 1e-12, $"{prediction.Objective} above the grid's {gridMinimum}");
        Assert.True(prediction.Objective > gridMinimum - 1e-4);
        Assert.Equal(etf ? 99 : 0, prediction.FeatureRank);
    }

    [Fact]
    public void SquareLossWithoutBiasShrinksEachClassBySize()
    {
        // Imbalanced bias-free MSE: s_k = max(√n_k − √(λ_W λ_H) N K/2, 0) = max(√n_k − 2, 0) for λ = 1e-3, N = 1000,
        // K = 4, ‖μ_k‖ = √(s_k/n_k) and ‖w_k‖ = √s_k when λ_W = λ_H; the class of 3 collapses.
        int[] sizes = [500, 300, 197, 3];
        var problem = new UfmProblem { Loss = new LossOptions { Kind = "mse" }, Classes = 4, Dim = 5, ClassSizes = sizes, Bias = false, LambdaW = 1e-3, LambdaH = 1e-3 };

        var prediction = UfmClosedForm.Predict(problem);

        for (int k = 0; k < 4; k++)
        {
            double s = Math.Max(Math.Sqrt(sizes[k]) - 2, 0);
            // Closed forms of a few float64 operations each.
            Tolerance.Close(Math.Sqrt(s / sizes[k]), prediction.ClassMeanNorms![k], 1e-14, 0, $"‖μ_{k}‖");
            Tolerance.Close(Math.Sqrt(s), prediction.ClassifierRowNorms![k], 1e-14, 0, $"‖w_{k}‖");
        }
        Assert.Equal(3, prediction.FeatureRank);
        Assert.Contains("1 of 4 classes collapse to zero", prediction.Reason);
    }

    [Theory]
    [InlineData("mse_tie_at_the_cut")]
    [InlineData("mse_unregularised_bias_d_below_k")]
    public void ClassNormsAreLeftOutWhereMinimisersDifferInThem(string name)
    {
        var prediction = UfmClosedForm.Predict(Problem(name));

        Assert.True(prediction.Exists);
        Assert.Null(prediction.ClassMeanNorms);
        Assert.Null(prediction.ClassifierRowNorms);
        Assert.NotNull(prediction.ProductSingularValues);
        Assert.Contains("not unique", prediction.Reason);
    }

    public static TheoryData<string, string> WithoutClosedForm() => new()
    {
        { "square loss with k ≠ 1", "k = 2 ≠ 1" },
        { "imbalanced cross-entropy", "imbalanced classes" },
        { "cross-entropy with d < K − 1", "d = 2 < K − 1 = 3" },
        { "no weight decay on W", "λ_W = 0 or λ_H = 0" },
        { "square loss, bias, imbalanced", "a bias and imbalanced classes" },
        { "square loss, regularised bias, d < rank", "rank 4 > d = 3" },
    };

    [Theory]
    [MemberData(nameof(WithoutClosedForm))]
    public void NoClosedFormIsReportedWithItsReason(string name, string because)
    {
        var mse = new LossOptions { Kind = "mse" };
        var problem = name switch
        {
            "square loss with k ≠ 1" => UfmProblem.Balanced(4, 8, 5) with { Loss = mse with { MseScale = 2 } },
            "imbalanced cross-entropy" => new UfmProblem { Classes = 3, Dim = 4, ClassSizes = [5, 4, 5] },
            "cross-entropy with d < K − 1" => UfmProblem.Balanced(4, 2, 5),
            "no weight decay on W" => UfmProblem.Balanced(4, 8, 5) with { LambdaW = 0 },
            "square loss, bias, imbalanced" => new UfmProblem { Loss = mse, Classes = 3, Dim = 4, ClassSizes = [5, 4, 5] },
            "square loss, regularised bias, d < rank" => UfmProblem.Balanced(4, 3, 5) with { Loss = mse, LambdaW = 1e-3, LambdaH = 1e-3, LambdaB = 0.5 },
            _ => throw new ArgumentException(name),
        };

        var prediction = UfmClosedForm.Predict(problem);

        Assert.False(prediction.Exists);
        Assert.Contains(because, prediction.Reason);
        Assert.Null(prediction.Objective);
        Assert.Null(prediction.WeightNorm);
        Assert.Null(prediction.ClassMeanNorms);
        Assert.Null(prediction.FeatureRank);
        Assert.Null(UfmClosedForm.OptimalPoint(problem));
    }

    [Fact]
    public void TheOptimalPointTakesTheProblemsDtype()
    {
        using var scope = NewDisposeScope();
        var problem = Problem("mse_bias") with { DType = ScalarType.Float32 };

        using var point = UfmClosedForm.OptimalPoint(problem)!;

        Assert.All(point.Tensors, t => Assert.Equal(ScalarType.Float32, t.dtype));
        Assert.Equal(new long[] { problem.Samples, problem.Dim }, point.Features.shape);
        // The point rounded to float32 (ε = 6e-8 relative per entry; f is flat to first order at a minimum) and f
        // summed in float32 over N·K = 160 terms: a few ε.
        Tolerance.Close(UfmClosedForm.Predict(problem).Objective!.Value, Objective(problem, point), Tolerance.Float32, 0, "f in float32");
    }

    [Fact]
    public void AnInvalidProblemIsRejected()
    {
        var problem = UfmProblem.Balanced(1, 4, 5);

        Assert.Throws<InvalidInputException>(() => UfmClosedForm.Predict(problem));
        Assert.Throws<InvalidInputException>(() => UfmClosedForm.OptimalPoint(problem));
    }

    private static JsonElement GoldenCase(string name) =>
        Golden.Value.RootElement.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);

    private static UfmProblem Problem(string name)
    {
        if (Extra.TryGetValue(name, out var extra)) return extra;
        var c = GoldenCase(name);
        var loss = c.GetProperty("loss");
        double Parameter(string key, double otherwise) => loss.TryGetProperty(key, out var v) ? v.GetDouble() : otherwise;
        return new UfmProblem
        {
            Loss = new LossOptions
            {
                Kind = loss.GetProperty("kind").GetString()!,
                FocalGamma = Parameter("gamma", 2),
                Smoothing = Parameter("smoothing", 0.1),
                MseScale = Parameter("k", 1),
                MseTarget = Parameter("m", 1),
            },
            Classes = c.GetProperty("classes").GetInt32(),
            Dim = c.GetProperty("dim").GetInt32(),
            ClassSizes = c.GetProperty("sizes").EnumerateArray().Select(v => v.GetInt32()).ToArray(),
            LambdaW = c.GetProperty("lambda_w").GetDouble(),
            LambdaH = c.GetProperty("lambda_h").GetDouble(),
            LambdaB = c.GetProperty("lambda_b").GetDouble(),
            Bias = c.GetProperty("bias").GetBoolean(),
        };
    }

    private static void CloseList(JsonElement expected, IReadOnlyList<double> actual, double relative, double absolute, string what)
    {
        var values = expected.EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(values.Length, actual.Count);
        double scale = values.Max(Math.Abs);
        for (int i = 0; i < values.Length; i++) Tolerance.Close(values[i], actual[i], relative, absolute + relative * scale, $"{what}[{i}]");
    }

    /// <summary>f(W, H, b) by the library's loss, the slow obvious way.</summary>
    private static double Objective(UfmProblem problem, UfmPoint point)
    {
        using var scope = NewDisposeScope();
        return ObjectiveTensor(problem, point).ToDouble();
    }

    private static Tensor ObjectiveTensor(UfmProblem problem, UfmPoint point)
    {
        var logits = point.Features.matmul(point.Weight.T);
        if (point.Bias is not null) logits = logits + point.Bias;
        var value = ClassificationLoss.Create(problem.Loss).Compute(logits, problem.Labels())
            + problem.LambdaW / 2 * point.Weight.square().sum() + problem.LambdaH / 2 * point.Features.square().sum();
        return point.Bias is null ? value : value + problem.LambdaB / 2 * point.Bias.square().sum();
    }
}
