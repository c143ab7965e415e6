namespace LowDim.Theory;

/// <summary>The outcome of a <see cref="UfmStudy"/>; it owns the solutions it holds.</summary>
public sealed class UfmStudyResult : IDisposable
{
    /// <summary>What was run.</summary>
    public required UfmStudySpec Spec { get; init; }

    /// <summary>The start that reached the lowest objective.</summary>
    public required UfmSolution Best { get; init; }

    /// <summary>The geometry of <see cref="Best"/>.</summary>
    public required UfmGeometry Geometry { get; init; }

    /// <summary>The objectives of all starts and the verdict.</summary>
    public required UfmLandscapeResult Landscape { get; init; }

    /// <summary>The closed form of the global optimum, or why there is none.</summary>
    public required UfmPrediction Prediction { get; init; }

    /// <summary>(f − f*)/|f*| of the best start against the closed form, or null without one.</summary>
    public double? RelativeGap => Prediction.Objective is double predicted
        ? (Best.Objective - predicted) / Math.Max(Math.Abs(predicted), double.Epsilon)
        : null;

    /// <summary>
    /// Whether the best start is a global optimum: within <see cref="UfmStudySpec.ResolvedOptimumTolerance"/> of the
    /// closed-form objective; null where no closed form exists.
    /// </summary>
    public bool? GlobalOptimum => RelativeGap is double gap ? Math.Abs(gap) <= Spec.ResolvedOptimumTolerance : null;

    /// <summary>The extreme Hessian eigenvalues at <see cref="Best"/>, when asked for.</summary>
    public HessianEigenvalues? SolutionHessian { get; init; }

    /// <summary>The critical point W = 0, H = 0 (with its best bias), when the Hessian was asked for.</summary>
    public UfmSolution? ZeroPoint { get; init; }

    /// <summary>The extreme Hessian eigenvalues at <see cref="ZeroPoint"/>.</summary>
    public HessianEigenvalues? ZeroHessian { get; init; }

    /// <summary>Whether the study was cancelled before all starts ended.</summary>
    public bool Cancelled { get; init; }

    /// <summary>Wall-clock seconds of the whole study.</summary>
    public double Seconds { get; init; }

    /// <inheritdoc/>
    public void Dispose()
    {
        Best.Dispose();
        ZeroPoint?.Dispose();
    }
}
