namespace LowDim.Training;

/// <summary>The training loss, as data. See <see cref="ClassificationLoss.Create"/> for the formulas.</summary>
public sealed record LossOptions
{
    /// <summary><c>ce</c> (cross-entropy), <c>mse</c> (square loss), <c>focal</c> or <c>ls</c> (label smoothing).</summary>
    public string Kind { get; init; } = "ce";

    /// <summary>γ ≥ 0 of the focal loss; γ = 0 is cross-entropy.</summary>
    public double FocalGamma { get; init; } = 2.0;

    /// <summary>α in [0, 1] of label smoothing: the target is (1 − α)·one-hot + α/K.</summary>
    public double Smoothing { get; init; } = 0.1;

    /// <summary>Hui &amp; Belkin's k &gt; 0, the weight of the true class's term in the square loss.</summary>
    public double MseScale { get; init; } = 1.0;

    /// <summary>Hui &amp; Belkin's M, the square loss's target value for the true class.</summary>
    public double MseTarget { get; init; } = 1.0;
}
