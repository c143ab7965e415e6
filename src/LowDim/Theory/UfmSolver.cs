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
        if (options.Nc1Target is { } target && !(target >= 0))
            throw new InvalidInputException($"the nc1 target must be ≥ 0, got {target}");
        if (options.TargetCheckEvery < 1)
            throw new InvalidInputException($"the nc1 target check interval must be ≥ 1, got {options.TargetCheckEvery}");
        using var objective = new UfmObjective(problem, start);
        var traced = options.Trace
            ? new HashSet<int>(MeasureSchedule.Parse("log", Math.Max(options.Minimizer.MaxIterations, 1)))
            : [];
        var trace = new List<UfmTraceRow>();
        var clock = new Stopwatch();
        NeuralCollapseMetrics? last = null;
        int lastIteration = -1;
        var minimizerOptions = options.Minimizer with
        {
            ObserveAt = i => traced.Contains(i) || (options.Nc1Target is not null && i % options.TargetCheckEvery == 0),
        };
        clock.Start();
        var result = Minimizer.Minimize(objective, minimizerOptions, Observe, cancellation);
        clock.Stop();
        string description = result.Describe(options.Minimizer.GradientTolerance);
        if (result.Reason == StopReason.Diverged) throw new InvalidInputException($"the {options.Minimizer.Method} solver {description}");
        if (lastIteration != result.Final.Iteration) last = Measure(objective);
        if (trace.Count == 0 || trace[^1].Iteration != result.Final.Iteration) Record(result.Final, last!);
        return new UfmSolution(problem, objective.Current(), result, description, last!, trace, clock.Elapsed.TotalSeconds);

        // The traced iterations and the start get every metric; the other target checks need nc1 alone.
        bool Observe(MinimizerStep step)
        {
            bool record = traced.Contains(step.Iteration) || step.Iteration == 0;
            if (!record && options.Nc1Target is null) return false;
            clock.Stop();
            try
            {
                double nc1;
                if (record)
                {
                    last = Measure(objective);
                    lastIteration = step.Iteration;
                    Record(step, last);
                    nc1 = last.Nc1;
                }
                else
                {
                    nc1 = WithinClassVariability.Nc1(objective.Features, objective.Labels, problem.Classes);
                }
                return options.Nc1Target is { } goal && nc1 <= goal;
            }
            finally
            {
                clock.Start();
            }
        }

        void Record(MinimizerStep step, NeuralCollapseMetrics metrics)
        {
            var row = new UfmTraceRow(step.Iteration, step.Value, step.GradientNorm, metrics, clock.Elapsed.TotalSeconds);
            if (trace.Count == 0 || trace[^1].Iteration != step.Iteration) trace.Add(row);
            onTrace?.Invoke(row);
        }
    }

    /// <summary>The NC metrics of the objective's current point.</summary>
    public static NeuralCollapseMetrics Measure(UfmObjective objective) =>
        NeuralCollapse.Measure(objective.Features, objective.Labels, objective.Problem.Classes, new LinearClassifier(objective.Weight, objective.Bias));
}
