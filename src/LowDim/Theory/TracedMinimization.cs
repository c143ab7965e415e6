using System.Diagnostics;
using LowDim.Experiments;

namespace LowDim.Theory;

/// <summary>
/// The loop both UFM solvers share: minimise, observe at log-spaced iterations (every iteration up to 10, then about
/// 10% apart) and every <c>checkEvery</c> iterations when an nc1 target is set, time the solver without the
/// observations, and turn a divergence into one clear error.
/// </summary>
internal static class TracedMinimization
{
    /// <summary>The end of a run: how the minimiser stopped, in words, and its seconds without the observations.</summary>
    public readonly record struct Outcome(MinimizerResult Result, string Description, double Seconds);

    /// <summary>Checks the nc1 stop options.</summary>
    /// <exception cref="InvalidInputException">A negative target or a check interval below 1.</exception>
    public static void CheckTarget(double? target, int checkEvery)
    {
        if (target is { } goal && !(goal >= 0)) throw new InvalidInputException($"the nc1 target must be ≥ 0, got {goal}");
        if (checkEvery < 1) throw new InvalidInputException($"the nc1 target check interval must be ≥ 1, got {checkEvery}");
    }

    /// <summary>Runs the minimiser.</summary>
    /// <param name="objective">The function, minimised in place.</param>
    /// <param name="minimizer">Method and limits.</param>
    /// <param name="trace">Whether log-spaced iterations are traced.</param>
    /// <param name="nc1Target">The nc1 to stop at, or null.</param>
    /// <param name="checkEvery">How often nc1 is compared with the target.</param>
    /// <param name="observe">
    /// Called at the observed iterations with the step, whether it is a traced one (the start always is) and the
    /// solver's seconds so far; returns whether the target is reached.
    /// </param>
    /// <param name="cancellation">Stops between iterations.</param>
    /// <exception cref="InvalidInputException">The run diverged.</exception>
    public static Outcome Run(
        SmoothObjective objective, MinimizerOptions minimizer, bool trace, double? nc1Target, int checkEvery,
        Func<MinimizerStep, bool, double, bool> observe, CancellationToken cancellation)
    {
        var traced = trace ? new HashSet<int>(MeasureSchedule.Parse("log", Math.Max(minimizer.MaxIterations, 1))) : [];
        var clock = new Stopwatch();
        var options = minimizer with { ObserveAt = i => traced.Contains(i) || (nc1Target is not null && i % checkEvery == 0) };
        clock.Start();
        var result = Minimizer.Minimize(objective, options, step =>
        {
            bool isTraced = step.Iteration == 0 || traced.Contains(step.Iteration);
            if (!isTraced && nc1Target is null) return false;
            clock.Stop();
            try
            {
                return observe(step, isTraced, clock.Elapsed.TotalSeconds);
            }
            finally
            {
                clock.Start();
            }
        }, cancellation);
        clock.Stop();
        string description = result.Describe(minimizer.GradientTolerance);
        if (result.Reason == StopReason.Diverged)
        {
            string method = minimizer.Method == MinimizerMethod.GradientDescent ? "gradient descent" : "L-BFGS";
            throw new InvalidInputException($"{method} {description}");
        }
        return new Outcome(result, description, clock.Elapsed.TotalSeconds);
    }
}
