using System.Globalization;

namespace LowDim.Theory;

/// <summary>The end of a minimisation; the final point is the objective's <see cref="SmoothObjective.Point"/>.</summary>
/// <param name="Final">The last iterate's value, gradient norm and counts.</param>
/// <param name="Reason">Why it stopped.</param>
public sealed record MinimizerResult(MinimizerStep Final, StopReason Reason)
{
    /// <summary>The reason in words, for example "gradient norm 8.1e-11 ≤ 1e-10 after 412 iterations".</summary>
    public string Describe(double tolerance) => Reason switch
    {
        StopReason.Converged => string.Create(CultureInfo.InvariantCulture, $"gradient norm {Final.GradientNorm:G2} ≤ {tolerance:G2} after {Final.Iteration} iterations"),
        StopReason.IterationLimit => string.Create(CultureInfo.InvariantCulture, $"iteration limit {Final.Iteration} reached with gradient norm {Final.GradientNorm:G2}"),
        StopReason.NoProgress => string.Create(CultureInfo.InvariantCulture, $"no further decrease at this precision after {Final.Iteration} iterations (gradient norm {Final.GradientNorm:G2})"),
        StopReason.Diverged => string.Create(CultureInfo.InvariantCulture, $"diverged at iteration {Final.Iteration} (objective {Final.Value:G4}); use a smaller --lr"),
        StopReason.TargetReached => string.Create(CultureInfo.InvariantCulture, $"target reached after {Final.Iteration} iterations"),
        _ => string.Create(CultureInfo.InvariantCulture, $"cancelled after {Final.Iteration} iterations"),
    };
}
