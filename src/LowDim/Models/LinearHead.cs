using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowDim.Models;

/// <summary>
/// A learned linear head, initialised as PyTorch's <c>nn.Linear</c>: W ~ kaiming_uniform(a = √5) and
/// b ~ U(−1/√d, 1/√d), drawn from torch's global generator in that order.
/// </summary>
public sealed class LinearHead : ClassifierHead
{
    private readonly Parameter weight;
    private readonly Parameter? bias;

    /// <summary>Creates a head from <paramref name="featureDim"/> features to <paramref name="classes"/> logits.</summary>
    public LinearHead(int featureDim, int classes, bool hasBias) : base(nameof(LinearHead))
    {
        weight = new Parameter(empty(classes, featureDim));
        nn.init.kaiming_uniform_(weight, a: Math.Sqrt(5));
        if (hasBias)
        {
            double bound = 1 / Math.Sqrt(featureDim);
            bias = new Parameter(empty(classes));
            nn.init.uniform_(bias, -bound, bound);
        }
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor Weight => weight;

    /// <inheritdoc/>
    public override Tensor? Bias => bias;

    /// <inheritdoc/>
    public override bool IsTrainable => true;

    /// <summary>(N, d) features → (N, K) logits.</summary>
    public override Tensor forward(Tensor input) => nn.functional.linear(input, weight, bias);
}
