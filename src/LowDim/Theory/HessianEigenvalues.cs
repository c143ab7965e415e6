namespace LowDim.Theory;

/// <summary>
/// The extreme Ritz values of a Hessian after <see cref="Steps"/> Lanczos steps, with their residual estimates.
/// </summary>
/// <remarks>
/// In exact arithmetic the Ritz values interlace the eigenvalues of the Hessian: λ_min ≤ <see cref="Smallest"/> and
/// <see cref="Largest"/> ≤ λ_max, and each lies within its residual of an eigenvalue. So a negative
/// <see cref="Smallest"/> shows a direction of negative curvature (a strict saddle) whatever the residual, and a
/// small residual shows it is close to the true extreme.
/// </remarks>
public sealed record HessianEigenvalues
{
    /// <summary>θ_min, the smallest Ritz value.</summary>
    public required double Smallest { get; init; }

    /// <summary>θ_max, the largest Ritz value.</summary>
    public required double Largest { get; init; }

    /// <summary>j, the Lanczos steps taken (one Hessian-vector product each).</summary>
    public required int Steps { get; init; }

    /// <summary>β_j·|s_{j,1}|, the norm of H y − θ_min y for the Ritz vector y of <see cref="Smallest"/>.</summary>
    public required double SmallestResidual { get; init; }

    /// <summary>β_j·|s_{j,j}|, the norm of H y − θ_max y for the Ritz vector y of <see cref="Largest"/>.</summary>
    public required double LargestResidual { get; init; }

    /// <summary>n, the number of variables: the total number of elements of the tensors.</summary>
    public required int Dimension { get; init; }

    /// <summary>
    /// Whether the iteration stopped on its own: both residuals met <see cref="LanczosOptions.Tolerance"/>, or the
    /// Krylov subspace became invariant (β_j = 0 to rounding), when the Ritz values are eigenvalues of H. False
    /// when it ran out of steps first.
    /// </summary>
    public required bool Converged { get; init; }
}
