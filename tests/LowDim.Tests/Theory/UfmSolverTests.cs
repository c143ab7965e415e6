using LowDim.Theory;
using LowDim.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Tests.Theory;

public sealed class UfmSolverTests
{
    private static readonly MinimizerOptions Lbfgs = new() { Method = MinimizerMethod.Lbfgs, MaxIterations = 2000, GradientTolerance = 1e-11 };

    private static UfmProblem Small(string loss = "ce", bool bias = true) =>
        UfmProblem.Balanced(4, 8, 5) with { Loss = new LossOptions { Kind = loss, MseScale = 2, MseTarget = 3, FocalGamma = 2, Smoothing = 0.1 }, Bias = bias, LambdaW = 1e-2, LambdaH = 1e-2, LambdaB = 1e-2 };

    [Theory]
    [InlineData("ce", true)]
    [InlineData("ce", false)]
    [InlineData("ls", true)]
    [InlineData("focal", true)]
    [InlineData("mse", true)]
    [InlineData("mse", false)]
    public void TheHandMadeGradientEqualsAutogradOfTheLibraryLoss(string loss, bool bias)
    {
        var problem = Small(loss, bias);
        using var start = UfmPoint.Random(problem, seed: 3, scale: 1.0);
        using var objective = new UfmObjective(problem, start);
        using var gradient = zeros_like(objective.Point);
        double value = objective.Evaluate(gradient);

        using var leaves = new DisposableList(start.Tensors.Select(t => t.detach().clone().requires_grad_(true)));
        using var labels = problem.Labels();
        using var expression = UfmObjective.Expression(problem, ClassificationLoss.Create(problem.Loss), labels, leaves[0], leaves[1], bias ? leaves[2] : null);
        var grads = torch.autograd.grad([expression], leaves.Items);
        using var expected = cat(grads.Select(g => g.reshape(-1)).ToArray(), 0);

        // Both are float64 sums of a few hundred terms of size O(1): rounding stays near 1e-15 relative.
        Tolerance.Close(expression.ToDouble(), value, 1e-13, what: "objective");
        using var difference = (gradient - expected).norm();
        using var scale = expected.norm();
        Assert.True(difference.ToDouble() <= 1e-12 * scale.ToDouble(), $"gradient differs by {difference.ToDouble():E2} (norm {scale.ToDouble():E2})");
        foreach (var g in grads) g.Dispose();
    }

    [Fact]
    public void LbfgsReachesNeuralCollapseInFloat64()
    {
        using var solution = UfmSolver.Solve(Small(), new UfmSolveOptions { Minimizer = Lbfgs });

        Assert.True(solution.GradientNorm < 1e-8, solution.StopDescription);
        // nc1 is a ratio of squared distances; nc2_etf and nc3_zhu are distances, so they sit near the square root
        // of float64's resolution of the objective (about 1e-8) when the gradient is near 1e-10.
        Assert.True(solution.Metrics.Nc1 < 1e-12, $"nc1 {solution.Metrics.Nc1}");
        Assert.True(solution.Metrics.Nc2Etf < 1e-6, $"nc2_etf {solution.Metrics.Nc2Etf}");
        Assert.True(solution.Metrics.Nc3Zhu < 1e-6, $"nc3_zhu {solution.Metrics.Nc3Zhu}");
        Assert.Equal(0, solution.Trace[0].Iteration);
        Assert.Equal(solution.Iterations, solution.Trace[^1].Iteration);
        Assert.True(solution.Trace[^1].Objective < solution.Trace[0].Objective);
    }

    [Fact]
    public void GradientDescentLowersTheObjectiveAtEveryMeasuredIteration()
    {
        var options = new UfmSolveOptions { Minimizer = new MinimizerOptions { Method = MinimizerMethod.GradientDescent, MaxIterations = 300, LearningRate = 1 } };
        using var solution = UfmSolver.Solve(Small(), options);

        Assert.Equal(StopReason.IterationLimit, solution.Result.Reason);
        Assert.Equal(300, solution.Iterations);
        for (int i = 1; i < solution.Trace.Count; i++)
            Assert.True(solution.Trace[i].Objective < solution.Trace[i - 1].Objective, $"iteration {solution.Trace[i].Iteration}");
    }

    [Fact]
    public void AStepTooLargeForGradientDescentIsOneClearError()
    {
        var options = new UfmSolveOptions { Minimizer = new MinimizerOptions { Method = MinimizerMethod.GradientDescent, MaxIterations = 1000, LearningRate = 1e6 }, InitScale = 1 };
        var error = Assert.Throws<InvalidInputException>(() => UfmSolver.Solve(Small(), options));
        Assert.Contains("diverged", error.Message);
        Assert.Contains("--lr", error.Message);
    }

    [Fact]
    public void AnNc1TargetStopsTheSolverEarly()
    {
        var options = new UfmSolveOptions
        {
            Minimizer = new MinimizerOptions { Method = MinimizerMethod.GradientDescent, MaxIterations = 100_000, LearningRate = 1 },
            Nc1Target = 1e-3,
            TargetCheckEvery = 5,
        };
        using var solution = UfmSolver.Solve(Small(), options);

        Assert.Equal(StopReason.TargetReached, solution.Result.Reason);
        Assert.True(solution.Metrics.Nc1 <= 1e-3);
        Assert.Equal(0, solution.Iterations % 5);
    }

    [Fact]
    public void TheNc1TargetStopsWhereMeasuringEveryMetricWould()
    {
        var problem = Small();
        var minimizer = new MinimizerOptions { Method = MinimizerMethod.GradientDescent, MaxIterations = 100_000, LearningRate = 1 };
        using var solution = UfmSolver.Solve(problem, new UfmSolveOptions { Minimizer = minimizer, Nc1Target = 1e-4, TargetCheckEvery = 5, Trace = false });

        using var start = UfmPoint.Random(problem, seed: 0);
        using var objective = new UfmObjective(problem, start);
        var reference = Minimizer.Minimize(objective, minimizer with { ObserveAt = i => i % 5 == 0 }, _ => UfmSolver.Measure(objective).Nc1 <= 1e-4);

        Assert.Equal(StopReason.TargetReached, solution.Result.Reason);
        Assert.Equal(reference.Final.Iteration, solution.Iterations);
        Assert.Equal(reference.Final.Value, solution.Objective);
        Assert.True(solution.Metrics.Nc1 <= 1e-4, $"nc1 {solution.Metrics.Nc1}");
    }

    [Theory]
    [InlineData("ce")]
    [InlineData("focal")]
    [InlineData("mse")]
    public void EvaluateLeavesNoTensorAlive(string loss)
    {
        var problem = Small(loss);
        using var start = UfmPoint.Random(problem, seed: 1);
        using var objective = new UfmObjective(problem, start);
        using var gradient = zeros_like(objective.Point);
        using var scope = NewDisposeScope();
        DisposeScopeManager.Statistics.Reset();
        objective.Evaluate(gradient);
        var statistics = DisposeScopeManager.Statistics.TensorStatistics;
        Assert.True(statistics.ThreadTotalLiveCount == 0 && statistics.CreatedOutsideScopeCount == 0, statistics.ToString());
    }

    [Fact]
    public void ACancelledSolveEndsAtItsStartWithTheReason()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        using var solution = UfmSolver.Solve(Small(), new UfmSolveOptions { Minimizer = Lbfgs }, cancellation: cancelled.Token);

        Assert.Equal(StopReason.Cancelled, solution.Result.Reason);
        Assert.Equal(0, solution.Iterations);
    }

    [Fact]
    public void TheSameSeedGivesTheSameBitsAndOtherSeedsTheSameOptimum()
    {
        var options = new UfmSolveOptions { Minimizer = Lbfgs, Trace = false };
        using var first = UfmSolver.Solve(Small(), options);
        using var again = UfmSolver.Solve(Small(), options);
        using var other = UfmSolver.Solve(Small(), options with { Seed = 7 });

        Assert.Equal(first.Objective, again.Objective);
        // No spurious local minima (Zhu et al. 2021): every start reaches the global value, here to float64's
        // resolution of an objective whose gradient is below 1e-8.
        Tolerance.Close(first.Objective, other.Objective, 1e-12, what: "objective from seed 7");
    }

    [Fact]
    public void Float32ProblemsSolveInFloat32()
    {
        var problem = Small() with { DType = ScalarType.Float32 };
        var options = new UfmSolveOptions { Minimizer = Lbfgs with { GradientTolerance = 1e-6 } };
        using var solution = UfmSolver.Solve(problem, options);
        using var reference = UfmSolver.Solve(Small(), options with { Minimizer = Lbfgs });

        Assert.Equal(ScalarType.Float32, solution.Point.Weight.dtype);
        // float32 resolves the objective to about 1e-7 relative; the optimum itself is flat to first order.
        Tolerance.Close(reference.Objective, solution.Objective, 1e-5, what: "float32 optimum");
    }

    [Fact]
    public void AStartPointOfTheWrongShapeIsOneClearError()
    {
        var problem = Small();
        using var start = new UfmPoint(zeros(3, 8, float64), zeros(20, 8, float64), zeros(4, float64));
        var error = Assert.Throws<InvalidInputException>(() => UfmSolver.Solve(problem, start, new UfmSolveOptions()));
        Assert.Equal("W must have shape [4, 8], got [3, 8]", error.Message);
    }

    private sealed class DisposableList(IEnumerable<Tensor> tensors) : IDisposable
    {
        public Tensor[] Items { get; } = tensors.ToArray();

        public Tensor this[int index] => Items[index];

        public void Dispose()
        {
            foreach (var t in Items) t.Dispose();
        }
    }
}
