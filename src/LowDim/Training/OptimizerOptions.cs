namespace LowDim.Training;

/// <summary>The optimiser, as data. See <see cref="Optimizers.Create"/>.</summary>
public sealed record OptimizerOptions
{
    /// <summary><c>sgd</c>, <c>adam</c> or <c>adamw</c>.</summary>
    public string Kind { get; init; } = "sgd";

    /// <summary>The base learning rate (before the schedule).</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>SGD's momentum factor (PyTorch's convention: v ← μ v + g, θ ← θ − η v).</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>SGD with Nesterov momentum (needs a momentum &gt; 0).</summary>
    public bool Nesterov { get; init; }

    /// <summary>
    /// Weight decay λ of the feature layers: an L2 term λθ added to the gradient for SGD and Adam, decoupled
    /// (θ ← θ(1 − ηλ)) for AdamW.
    /// </summary>
    public double WeightDecay { get; init; } = 5e-4;

    /// <summary>Weight decay of the head; null: the same as <see cref="WeightDecay"/>.</summary>
    public double? HeadWeightDecay { get; init; }

    /// <summary>Adam's β₁.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam's β₂.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Adam's ε.</summary>
    public double Epsilon { get; init; } = 1e-8;
}
