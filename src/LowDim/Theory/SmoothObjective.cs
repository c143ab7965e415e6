using static TorchSharp.torch;

namespace LowDim.Theory;

/// <summary>
/// A differentiable function of one flat parameter vector x, for <see cref="Minimizer"/>. The objective owns x;
/// structured problems keep views of it (for example W, H and b of the UFM).
/// </summary>
public abstract class SmoothObjective : IDisposable
{
    /// <summary>Takes ownership of the flat (1-D) parameter vector.</summary>
    /// <exception cref="ArgumentException">A tensor that is not 1-D floating point.</exception>
    protected SmoothObjective(Tensor point)
    {
        if (point.ndim != 1 || !point.is_floating_point())
            throw new ArgumentException($"the parameter vector must be 1-D floating point, got {point.dtype} of shape [{string.Join(", ", point.shape)}]", nameof(point));
        Point = point;
    }

    /// <summary>The current point x; minimisers change it in place.</summary>
    public Tensor Point { get; }

    /// <summary>The value f(x) at the current <see cref="Point"/>; writes ∇f(x) into <paramref name="gradient"/>.</summary>
    /// <param name="gradient">A tensor shaped, typed and placed like <see cref="Point"/>.</param>
    public abstract double Evaluate(Tensor gradient);

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the parameter vector and whatever the subclass holds.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing) Point.Dispose();
    }
}
