using System.Diagnostics;
using LowDim.Experiments;
using LowDim.Measurement;
using static TorchSharp.torch;

namespace LowDim.Theory;

/// <summary>Solves a <see cref="UfmProblem"/> by gradient descent or L-BFGS, measuring neural collapse on the way.</summary>
/// <example>
/// <code>
/// var problem = UfmProblem.Balanced(classes: 10, dim: 64, perClass: 50);
/// using var solution = UfmSolver.Solve(problem, new UfmSolveOptions());
/// Console.WriteLine($"{solution.Objective} {solution.Metrics.Nc1}");
/// </code>
/// </example>
public static class UfmSolver
{
    /// <summary>Solves from a random start point drawn with <see cref="UfmSolveOptions.Seed"/>.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="options">Solver, limits, seed and what to measure.</param>
    /// <param name="onTrace">Called with each measured iteration as it happens (for progress displays).</param>
    /// <param name="cancellation">Stops between iterations; the solution then ends where the solver was.</param>
    /// <param name="device">Where to solve; null is the CPU.</param>
    /// <exception cref="InvalidInputException">A problem or options out of range.</exception>
    public static UfmSolution Solve(
        UfmProblem problem, UfmSolveOptions options, Action<UfmTraceRow>? onTrace = null, CancellationToken cancellation = default, Device? device = null)
    {
        problem.Validate();
        using var start = UfmPoint.Random(problem, options.Seed, options.InitScale, device);
        return Solve(problem, start, options, onTrace, cancellation);
    }

    /// <summary>Solves from <paramref name="start"/> (which stays the caller's).</summary>
    /// <exception cref="InvalidInputException">A problem or options out of range, or a start point of the wrong shapes.</exception>
    public static UfmSolution Solve(
        UfmProblem problem, UfmPoint start, UfmSolveOptions options, Action<UfmTraceRow>? onTrace = null, CancellationToken cancellation = default)
    {
        options.Minimizer.Validate();
        TracedMinimization.CheckTarget(options.Nc1Target, options.TargetCheckEvery);
        using var objective = new UfmObjective(problem, start);
        var trace = new List<UfmTraceRow>();
        NeuralCollapseMetrics? last = null;
        int lastIteration = -1;
        var outcome = TracedMinimization.Run(objective, options.Minimizer, options.Trace, options.Nc1Target, options.TargetCheckEvery, Observe, cancellation);
        var result = outcome.Result;
        if (lastIteration != result.Final.Iteration) last = Measure(objective);
        if (trace.Count == 0 || trace[^1].Iteration != result.Final.Iteration) Record(result.Final, last!, outcome.Seconds);
        return new UfmSolution(problem, objective.Current(), result, outcome.Description, last!, trace, outcome.Seconds);

        // The traced iterations and the start get every metric; the other target checks need nc1 alone.
        bool Observe(MinimizerStep step, bool traced, double seconds)
        {
            double nc1;
            if (traced)
            {
                last = Measure(objective);
                lastIteration = step.Iteration;
                Record(step, last, seconds);
                nc1 = last.Nc1;
            }
            else
            {
                nc1 = WithinClassVariability.Nc1(objective.Features, objective.Labels, problem.Classes);
            }
            return options.Nc1Target is { } goal && nc1 <= goal;
        }

        void Record(MinimizerStep step, NeuralCollapseMetrics metrics, double seconds)
        {
            var row = new UfmTraceRow(step.Iteration, step.Value, step.GradientNorm, metrics, seconds);
            if (trace.Count == 0 || trace[^1].Iteration != step.Iteration) trace.Add(row);
            onTrace?.Invoke(row);
        }
    }

    /// <summary>The NC metrics of the objective's current point.</summary>
    public static NeuralCollapseMetrics Measure(UfmObjective objective) =>
        NeuralCollapse.Measure(objective.Features, objective.Labels, objective.Problem.Classes, new LinearClassifier(objective.Weight, objective.Bias));
}
