using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Theory;

/// <summary>
/// Minimises a <see cref="SmoothObjective"/> in place by full-batch gradient descent or by L-BFGS, in the
/// objective's dtype and on its device.
/// </summary>
public static class Minimizer
{
    /// <summary>Runs the method of <paramref name="options"/> from the objective's current point.</summary>
    /// <param name="objective">The function; its <see cref="SmoothObjective.Point"/> ends at the last iterate.</param>
    /// <param name="options">Method, limits and tolerance.</param>
    /// <param name="observe">
    /// Called with the start (iteration 0), after the iterations <see cref="MinimizerOptions.ObserveAt"/> selects,
    /// and after the last one; returning true stops the run with <see cref="StopReason.TargetReached"/>.
    /// </param>
    /// <param name="cancellation">Stops the run between iterations with <see cref="StopReason.Cancelled"/>.</param>
    /// <exception cref="InvalidInputException">Options out of range.</exception>
    public static MinimizerResult Minimize(
        SmoothObjective objective, MinimizerOptions options, Func<MinimizerStep, bool>? observe = null, CancellationToken cancellation = default)
    {
        options.Validate();
        if (options.Method == MinimizerMethod.GradientDescent)
            return new GradientDescentRun(objective, options, observe, cancellation).Run();
        using var lbfgs = new LbfgsRun(objective, options, observe, cancellation);
        return lbfgs.Run();
    }

    private abstract class MinimizerRun(SmoothObjective objective, MinimizerOptions options, Func<MinimizerStep, bool>? observe, CancellationToken cancellation)
    {
        protected SmoothObjective Objective { get; } = objective;
        protected MinimizerOptions Options { get; } = options;
        protected int Evaluations { get; set; }

        public MinimizerResult Run()
        {
            using var gradient = zeros_like(Objective.Point);
            double value = Evaluate(gradient);
            var step = new MinimizerStep(0, value, Norm(gradient), Evaluations);
            if (End(step) is { } first) return Finish(step, first);
            bool observedEveryStep = Options.ObserveAt is null;
            if ((observe?.Invoke(step) ?? false)) return new MinimizerResult(step, StopReason.TargetReached);
            for (int iteration = 1; ; iteration++)
            {
                if (cancellation.IsCancellationRequested) return Finish(step, StopReason.Cancelled);
                if (iteration > Options.MaxIterations) return Finish(step, StopReason.IterationLimit);
                bool progressed = Step(gradient, ref value);
                step = new MinimizerStep(iteration, value, Norm(gradient), Evaluations);
                if (!progressed) return Finish(step, StopReason.NoProgress);
                if (End(step) is { } reason) return Finish(step, reason);
                if ((observedEveryStep || Options.ObserveAt!(iteration)) && iteration < Options.MaxIterations && (observe?.Invoke(step) ?? false))
                    return new MinimizerResult(step, StopReason.TargetReached);
            }

            MinimizerResult Finish(MinimizerStep last, StopReason reason)
            {
                bool stop = last.Iteration > 0 && reason is not StopReason.Diverged && (observe?.Invoke(last) ?? false);
                return new MinimizerResult(last, stop && reason != StopReason.Converged ? StopReason.TargetReached : reason);
            }
        }

        /// <summary>One iteration from the current point, whose value and gradient are given; false when it found no decrease.</summary>
        protected abstract bool Step(Tensor gradient, ref double value);

        protected double Evaluate(Tensor gradient)
        {
            Evaluations++;
            return Objective.Evaluate(gradient);
        }

        protected static double Norm(Tensor vector)
        {
            using var norm = vector.norm();
            return norm.ToDouble();
        }

        protected static double Dot(Tensor a, Tensor b)
        {
            using var product = a.dot(b);
            return product.ToDouble();
        }

        private StopReason? End(MinimizerStep step)
        {
            if (!double.IsFinite(step.Value) || !double.IsFinite(step.GradientNorm)) return StopReason.Diverged;
            if (step.GradientNorm <= Options.GradientTolerance) return StopReason.Converged;
            return null;
        }
    }

    private sealed class GradientDescentRun(SmoothObjective objective, MinimizerOptions options, Func<MinimizerStep, bool>? observe, CancellationToken cancellation)
        : MinimizerRun(objective, options, observe, cancellation)
    {
        protected override bool Step(Tensor gradient, ref double value)
        {
            Objective.Point.add_(gradient, alpha: -Options.LearningRate);
            value = Evaluate(gradient);
            return true;
        }
    }

    private sealed class LbfgsRun(SmoothObjective objective, MinimizerOptions options, Func<MinimizerStep, bool>? observe, CancellationToken cancellation)
        : MinimizerRun(objective, options, observe, cancellation), IDisposable
    {
        private const double SufficientDecrease = 1e-4;
        private const double Curvature = 0.9;
        private const int MaxLineSearchEvaluations = 25;

        private readonly LinkedList<(Tensor S, Tensor Y, double Rho)> history = new();
        private Tensor? start;
        private Tensor? startGradient;
        private Tensor? direction;
        private bool firstStep = true;

        protected override bool Step(Tensor gradient, ref double value)
        {
            start ??= empty_like(gradient);
            startGradient ??= empty_like(gradient);
            direction ??= empty_like(gradient);
            SearchDirection(gradient, direction);
            double slope = Dot(gradient, direction);
            if (!(slope < 0))
            {
                ClearHistory();
                direction.copy_(gradient).neg_();
                slope = -Dot(gradient, gradient);
            }
            double initial = firstStep ? Math.Min(1.0, 1.0 / L1Norm(gradient)) : 1.0;
            firstStep = false;
            start.copy_(Objective.Point);
            startGradient.copy_(gradient);
            var (t, newValue) = LineSearch(gradient, value, slope, initial);
            if (t == 0 || !(newValue < value))
            {
                Objective.Point.copy_(start);
                gradient.copy_(startGradient);
                return false;
            }
            value = newValue;
            var s = Objective.Point - start;
            var y = gradient - startGradient;
            double sy = Dot(s, y);
            if (sy > 1e-10 * Dot(y, y))
            {
                history.AddLast((s, y, 1.0 / sy));
                if (history.Count > Options.History)
                {
                    var (oldS, oldY, _) = history.First!.Value;
                    oldS.Dispose();
                    oldY.Dispose();
                    history.RemoveFirst();
                }
            }
            else
            {
                s.Dispose();
                y.Dispose();
            }
            return true;
        }

        /// <summary>d = −H g by the two-loop recursion, H₀ = (sᵀy / yᵀy) I from the newest pair.</summary>
        private void SearchDirection(Tensor gradient, Tensor result)
        {
            result.copy_(gradient).neg_();
            if (history.Count == 0) return;
            var alphas = new double[history.Count];
            int i = history.Count;
            for (var node = history.Last; node is not null; node = node.Previous)
            {
                var (s, y, rho) = node.Value;
                alphas[--i] = rho * Dot(s, result);
                result.add_(y, alpha: -alphas[i]);
            }
            var (_, lastY, lastRho) = history.Last!.Value;
            result.mul_(1.0 / (lastRho * Dot(lastY, lastY)));
            i = 0;
            foreach (var (s, y, rho) in history)
            {
                double beta = rho * Dot(y, result);
                result.add_(s, alpha: alphas[i++] - beta);
            }
        }

        /// <summary>
        /// A step t along <see cref="direction"/> that meets the strong Wolfe conditions (Nocedal &amp; Wright,
        /// Algorithms 3.5 and 3.6 with cubic interpolation); on return the point is start + t·direction and the
        /// gradient is its gradient. Returns t = 0 when no decrease was found.
        /// </summary>
        private (double T, double Value) LineSearch(Tensor gradient, double value0, double slope0, double t)
        {
            double previousT = 0, previousValue = value0, previousSlope = slope0;
            double bestT = 0, bestValue = value0;
            for (int evaluation = 0; evaluation < MaxLineSearchEvaluations; evaluation++)
            {
                var (value, slope) = At(t, gradient);
                if (value < bestValue) (bestT, bestValue) = (t, value);
                if (!double.IsFinite(value) || value > value0 + SufficientDecrease * t * slope0 || (evaluation > 0 && value >= previousValue))
                    return Zoom(gradient, value0, slope0, previousT, previousValue, previousSlope, t, value, slope, bestT, bestValue);
                if (Math.Abs(slope) <= -Curvature * slope0) return (t, value);
                if (slope >= 0)
                    return Zoom(gradient, value0, slope0, t, value, slope, previousT, previousValue, previousSlope, bestT, bestValue);
                double next = Cubic(previousT, previousValue, previousSlope, t, value, slope, t + 0.01 * (t - previousT), 10 * t);
                (previousT, previousValue, previousSlope) = (t, value, slope);
                t = next;
            }
            return Settle(gradient, bestT, bestValue);
        }

        private (double T, double Value) Zoom(
            Tensor gradient, double value0, double slope0, double lowT, double lowValue, double lowSlope,
            double highT, double highValue, double highSlope, double bestT, double bestValue)
        {
            for (int evaluation = 0; evaluation < MaxLineSearchEvaluations; evaluation++)
            {
                double width = Math.Abs(highT - lowT);
                if (width * Math.Abs(lowSlope) < 1e-300 || width <= 1e-16 * Math.Max(Math.Abs(lowT), Math.Abs(highT))) break;
                double t = double.IsFinite(highValue)
                    ? Cubic(lowT, lowValue, lowSlope, highT, highValue, highSlope, Math.Min(lowT, highT) + 0.1 * width, Math.Max(lowT, highT) - 0.1 * width)
                    : 0.5 * (lowT + highT);
                var (value, slope) = At(t, gradient);
                if (value < bestValue) (bestT, bestValue) = (t, value);
                if (!double.IsFinite(value) || value > value0 + SufficientDecrease * t * slope0 || value >= lowValue)
                {
                    (highT, highValue, highSlope) = (t, value, slope);
                }
                else
                {
                    if (Math.Abs(slope) <= -Curvature * slope0) return (t, value);
                    if (slope * (highT - lowT) >= 0) (highT, highValue, highSlope) = (lowT, lowValue, lowSlope);
                    (lowT, lowValue, lowSlope) = (t, value, slope);
                }
            }
            return Settle(gradient, bestT, bestValue);
        }

        /// <summary>Ends a line search that met no Wolfe condition at the best point it saw (or at the start).</summary>
        private (double T, double Value) Settle(Tensor gradient, double t, double value)
        {
            if (t == 0) return (0, value);
            return At(t, gradient) is var (v, _) && v <= value ? (t, v) : (0, value);
        }

        /// <summary>Moves to start + t·direction and returns f there and the slope ∇fᵀ direction.</summary>
        private (double Value, double Slope) At(double t, Tensor gradient)
        {
            Objective.Point.copy_(start!).add_(direction!, alpha: t);
            double value = Evaluate(gradient);
            return (value, Dot(gradient, direction!));
        }

        /// <summary>The minimiser of the cubic through two points with their slopes, kept in [low, high] (bisection when it has none).</summary>
        private static double Cubic(double t1, double f1, double g1, double t2, double f2, double g2, double low, double high)
        {
            double d1 = g1 + g2 - 3 * (f1 - f2) / (t1 - t2);
            double square = d1 * d1 - g1 * g2;
            double t;
            if (square >= 0 && double.IsFinite(square))
            {
                double d2 = Math.Sign(t2 - t1) * Math.Sqrt(square);
                t = t2 - (t2 - t1) * (g2 + d2 - d1) / (g2 - g1 + 2 * d2);
            }
            else
            {
                t = 0.5 * (low + high);
            }
            return double.IsFinite(t) ? Math.Clamp(t, Math.Min(low, high), Math.Max(low, high)) : 0.5 * (low + high);
        }

        private static double L1Norm(Tensor vector)
        {
            using var absolute = vector.abs();
            using var sum = absolute.sum();
            return sum.ToDouble();
        }

        private void ClearHistory()
        {
            foreach (var (s, y, _) in history)
            {
                s.Dispose();
                y.Dispose();
            }
            history.Clear();
        }

        public void Dispose()
        {
            ClearHistory();
            start?.Dispose();
            startGradient?.Dispose();
            direction?.Dispose();
        }
    }
}
