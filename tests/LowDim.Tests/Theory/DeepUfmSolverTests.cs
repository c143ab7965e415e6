using LowDim.Theory;
using LowDim.Training;
using static TorchSharp.torch;

namespace LowDim.Tests.Theory;

public sealed class DeepUfmSolverTests
{
    private static readonly MinimizerOptions Lbfgs = new() { Method = MinimizerMethod.Lbfgs, MaxIterations = 2000, GradientTolerance = 1e-10 };

    /// <summary>K = 4, three ReLU layers of width 8, n = 3: L-BFGS from seed 3 reaches deep neural collapse in about 120 iterations.</summary>
    private static DeepUfmProblem Small(string activation = "relu") =>
        DeepUfmProblem.Balanced(4, [8, 8, 8], 3) with { Loss = new LossOptions { Kind = "mse" }, Activation = activation, LambdaH = 3e-3, LambdaW = [3e-3] };

    private static DeepUfmSolveOptions Options => new() { Minimizer = Lbfgs, Seed = 3, Nc1Target = 1e-10 };

    [Fact]
    public void LbfgsReachesDeepNeuralCollapseInEveryLayer()
    {
        using var solution = DeepUfmSolver.Solve(Small(), Options);

        Assert.Equal(StopReason.TargetReached, solution.Result.Reason);
        Assert.All(solution.Layers, layer => Assert.True(layer.Metrics.Nc1 <= 1e-10, $"H{layer.Layer}: nc1 {layer.Metrics.Nc1}"));
        // After a ReLU the class means are non-negative and orthogonal with equal norms (Súkeník et al. 2023): K
        // equal singular values. They agree to the solver's accuracy, far from the 0.7–0.85 of other critical points.
        foreach (var layer in solution.Layers.Skip(1))
        {
            Assert.Equal(4, layer.FeatureRank);
            Assert.True(layer.KthSingularValueRatio > 0.999, $"H{layer.Layer}: s_K/s_1 = {layer.KthSingularValueRatio}");
        }
        // Centred, K orthogonal equal-norm means are a simplex ETF; W_L is aligned with the uncentred means (no
        // bias), so W_L M_c is an ETF too (Zhu et al.'s nc3), while Papyan's nc3 against the centred means is not 0.
        var last = solution.Layers[^1].Metrics;
        Assert.True(last.Nc2Etf < 1e-4, $"nc2_etf {last.Nc2Etf}");
        Assert.True(last.Nc3Zhu < 1e-4, $"nc3_zhu {last.Nc3Zhu}");
        Assert.Equal(0.0, last.Nc4);
    }

    [Fact]
    public void TheTraceHasTheStartTheEndAndOneNc1PerLayer()
    {
        var seen = new List<DeepUfmTraceRow>();
        using var solution = DeepUfmSolver.Solve(Small(), Options, seen.Add);

        Assert.Equal(0, solution.Trace[0].Iteration);
        Assert.Equal(solution.Iterations, solution.Trace[^1].Iteration);
        Assert.All(solution.Trace, row => Assert.Equal(3, row.Nc1.Count));
        Assert.Equal(solution.Trace.Select(r => r.Iteration), seen.Select(r => r.Iteration));
        Assert.True(solution.Trace[^1].Objective < solution.Trace[0].Objective);
        Assert.Equal(solution.Layers.Select(l => l.Metrics.Nc1), solution.Trace[^1].Nc1);
    }

    [Fact]
    public void SingularValuesAreThoseOfTorchLinalg()
    {
        using var solution = DeepUfmSolver.Solve(Small(), new DeepUfmSolveOptions { Minimizer = Lbfgs with { MaxIterations = 20 }, Trace = false });
        using var objective = new DeepUfmObjective(solution.Problem, solution.Point);
        var features = objective.LayerFeatures();
        using var scope = NewDisposeScope();
        for (int l = 0; l < 3; l++)
        {
            var layer = solution.Layers[l];
            Assert.Equal(linalg.svdvals(features[l]).data<double>().ToArray(), layer.FeatureSingularValues);
            Assert.Equal(linalg.svdvals(solution.Point.Weights[l]).data<double>().ToArray(), layer.WeightSingularValues);
            Assert.Equal(Math.Min(12, 8), layer.FeatureSingularValues.Length);
        }
        var product = solution.Point.Weights[2].mm(solution.Point.Weights[1]).mm(solution.Point.Weights[0]);
        var expected = linalg.svdvals(product).data<double>().ToArray();
        // The same product in another association order: float64 rounding of a few O(1) sums.
        Assert.Equal(4, solution.EndToEndSingularValues.Length);
        for (int i = 0; i < 4; i++) Tolerance.Close(expected[i], solution.EndToEndSingularValues[i], 1e-12, what: $"s_{i + 1} of W_3 W_2 W_1");
        foreach (var f in features) f.Dispose();
    }

    [Fact]
    public void TheRankCountsSingularValuesAboveTheRelativeCutoff()
    {
        Assert.Equal(2, Spectrum.Rank([4.0, 1.0, 4e-3, 0], 1e-3));
        Assert.Equal(3, Spectrum.Rank([4.0, 1.0, 4e-3, 0], 1e-4));
        Assert.Equal(0, Spectrum.Rank([0.0, 0.0], 1e-3));
        Assert.Equal(0, Spectrum.Rank([], 1e-3));
    }

    [Fact]
    public void ADeepLinearModelCollapsesToAnOrthogonalFrameInEveryLayer()
    {
        using var solution = DeepUfmSolver.Solve(Small("linear"), Options with { Nc1Target = null, RankTolerance = 1e-6 });

        // With σ = identity, the square loss and no bias, every layer's class means are an orthogonal frame
        // (Dang et al. 2023): K equal singular values (centred, a simplex ETF), and the product of the weights has rank K.
        Assert.True(solution.GradientNorm < 1e-8, solution.StopDescription);
        foreach (var layer in solution.Layers)
        {
            Assert.True(layer.Metrics.Nc1 < 1e-10, $"H{layer.Layer}: nc1 {layer.Metrics.Nc1}");
            Assert.True(layer.KthSingularValueRatio > 0.999, $"H{layer.Layer}: s_K/s_1 = {layer.KthSingularValueRatio}");
            Assert.True(layer.Metrics.Nc2Etf < 1e-4, $"H{layer.Layer}: nc2_etf {layer.Metrics.Nc2Etf}");
        }
        Assert.Equal(4, Spectrum.Rank(solution.EndToEndSingularValues, 1e-6));
    }

    [Fact]
    public void AStepTooLargeForGradientDescentIsOneClearError()
    {
        var options = new DeepUfmSolveOptions { Minimizer = new MinimizerOptions { Method = MinimizerMethod.GradientDescent, MaxIterations = 100, LearningRate = 1e4 } };
        var error = Assert.Throws<InvalidInputException>(() => DeepUfmSolver.Solve(Small(), options));
        Assert.Contains("diverged", error.Message);
        Assert.Contains("--lr", error.Message);
    }

    [Fact]
    public void ACancelledSolveEndsAtItsStartWithTheReason()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        using var solution = DeepUfmSolver.Solve(Small(), Options, cancellation: cancelled.Token);

        Assert.Equal(StopReason.Cancelled, solution.Result.Reason);
        Assert.Equal(0, solution.Iterations);
    }

    [Fact]
    public void Float32ProblemsSolveInFloat32()
    {
        var problem = Small() with { DType = ScalarType.Float32 };
        using var solution = DeepUfmSolver.Solve(problem, Options with { Minimizer = Lbfgs with { MaxIterations = 50 }, Nc1Target = null });

        Assert.Equal(ScalarType.Float32, solution.Point.Features.dtype);
        Assert.True(solution.Trace[^1].Objective < solution.Trace[0].Objective);
    }
}
