namespace LowDim.Theory;

/// <summary>How <see cref="HessianSpectrum.Extremes"/> runs the Lanczos method.</summary>
public sealed record LanczosOptions
{
    /// <summary>
    /// m ≥ 1, the most Lanczos steps (Hessian-vector products); capped at the dimension n, where the Krylov
    /// subspace is the whole space and the Ritz values are the eigenvalues.
    /// </summary>
    public int Steps { get; init; } = 60;

    /// <summary>The seed of the random unit start vector, drawn from a private generator.</summary>
    public long Seed { get; init; }

    /// <summary>
    /// τ ≥ 0: the iteration stops once both residual estimates β_j·|s_{j,i}| of the smallest and the largest Ritz
    /// value are at most τ·max(|θ_min|, |θ_max|). The bound is relative to the spectral scale rather than to each
    /// |θ|, so that a zero eigenvalue (a flat direction, as at a minimum with a continuous symmetry) can converge.
    /// </summary>
    public double Tolerance { get; init; } = 1e-10;

    /// <summary>
    /// Whether each new Lanczos vector is orthogonalised (twice, by classical Gram–Schmidt) against all previous
    /// ones. Without it the three-term recurrence loses orthogonality in floating point and produces spurious
    /// copies of converged Ritz values.
    /// </summary>
    public bool FullReorthogonalisation { get; init; } = true;
}
