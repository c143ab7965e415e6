using LowDim.Theory;
using LowDim.Training;
using Xunit.Abstractions;

namespace LowDim.Tests.Theory;

/// <summary>
/// The two regimes of the ReLU deep UFM with the square loss (Súkeník, Lampert &amp; Mondelli 2024): deep neural
/// collapse (DNC), and solutions of lower rank whose objective is below DNC's once there are enough layers and
/// classes. Settings and numbers are from the exploration behind these tests.
/// </summary>
public sealed class DeepUfmRegimeTests(ITestOutputHelper output)
{
    private static DeepUfmProblem Relu(int classes, int perClass, int layers, int width, double lambda) =>
        DeepUfmProblem.Balanced(classes, Enumerable.Repeat(width, layers).ToArray(), perClass) with
        {
            Loss = new LossOptions { Kind = "mse" }, LambdaH = lambda, LambdaW = [lambda],
        };

    private static DeepUfmSolveOptions GradientDescent(int iterations, long seed) => new()
    {
        Minimizer = new MinimizerOptions { Method = MinimizerMethod.GradientDescent, MaxIterations = iterations, LearningRate = 2 },
        Seed = seed,
        Trace = false,
    };

    /// <summary>Polishes a structured start with L-BFGS: the objective of the critical point near it.</summary>
    private static double Polished(DeepUfmProblem problem, DeepUfmPoint start, int iterations = 300)
    {
        using (start)
        using (var solution = DeepUfmSolver.Solve(problem, start, new DeepUfmSolveOptions { Minimizer = new MinimizerOptions { MaxIterations = iterations }, Trace = false }))
            return solution.Objective;
    }

    [Fact]
    public void GradientDescentReachesDeepNeuralCollapseWithFourClassesAndThreeLayers()
    {
        var problem = Relu(4, 5, 3, 16, 3e-3);
        double collapsed = Polished(problem, DeepUfmStarts.Collapsed(problem));
        using var solution = DeepUfmSolver.Solve(problem, GradientDescent(3000, seed: 0));
        Report(solution, collapsed);

        Assert.All(solution.Layers, layer => Assert.True(layer.Metrics.Nc1 < 1e-10, $"H{layer.Layer}: nc1 {layer.Metrics.Nc1}"));
        Assert.All(solution.Layers, layer => Assert.Equal(4, layer.FeatureRank));
        Tolerance.Close(collapsed, solution.Objective, 1e-3, what: "objective against the DNC optimum after 3000 steps");
    }

    [Fact]
    public void GradientDescentFindsALowRankSolutionBelowDeepNeuralCollapseWithSixClassesAndFiveLayers()
    {
        var problem = Relu(6, 2, 5, 12, 2e-3);
        double collapsed = Polished(problem, DeepUfmStarts.Collapsed(problem));
        using var solution = DeepUfmSolver.Solve(problem, GradientDescent(4000, seed: 1));
        Report(solution, collapsed);

        Assert.True(solution.Objective < 0.9 * collapsed, $"objective {solution.Objective} against DNC {collapsed}");
        Assert.Equal(0.0, solution.Layers[^1].Metrics.Nc4);
        Assert.Equal(3, solution.Layers[0].FeatureRank);
        foreach (var layer in solution.Layers.SkipLast(1))
        {
            double ratio = layer.FeatureSingularValues[4] / layer.FeatureSingularValues[0];
            Assert.True(ratio < 1e-2, $"H{layer.Layer}: s_5/s_1 = {ratio}");
        }
        Assert.Equal(6, solution.Layers[^1].FeatureRank);
    }

    [Theory]
    [InlineData(3, false)]
    [InlineData(5, true)]
    public void WithMoreLayersTheStronglyRegularGraphSolutionBeatsDeepNeuralCollapse(int layers, bool lowRankWins)
    {
        var problem = Relu(6, 1, layers, 8, 2e-3);
        double collapsed = Polished(problem, DeepUfmStarts.Collapsed(problem));
        double lowRank = Polished(problem, DeepUfmStarts.StronglyRegularGraph(problem));
        output.WriteLine($"L = {layers}: DNC {collapsed:R}, SRG {lowRank:R}, ratio {lowRank / collapsed:F4}");

        Assert.Equal(lowRankWins, lowRank < collapsed);
    }

    private void Report(DeepUfmSolution solution, double collapsed)
    {
        output.WriteLine($"objective {solution.Objective:R}, DNC {collapsed:R}, {solution.StopDescription}");
        foreach (var layer in solution.Layers)
            output.WriteLine($"H{layer.Layer}: rank {layer.FeatureRank}, nc1 {layer.Metrics.Nc1:E2}, s = {string.Join(" ", layer.FeatureSingularValues.Select(s => s.ToString("G3")))}");
    }
}
