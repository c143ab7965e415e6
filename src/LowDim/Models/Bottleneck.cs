using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowDim.Models;

/// <summary>
/// Maps the backbone's output to the feature dimension d chosen with <see cref="ModelOptions.FeatureDim"/>:
/// Linear (<c>fc</c>), then BatchNorm1d (<c>bn</c>, when batch normalisation is on), then ReLU.
/// </summary>
/// <remarks>
/// It follows Zhu et al. 2021 (§5, "feature dimension reduction", d = K), whose d-dimensional features are the
/// output of a layer followed by batch normalisation and ReLU, like the backbone features they replace; the
/// features stay non-negative, as in Papyan, Han &amp; Donoho 2020.
/// </remarks>
public sealed class Bottleneck : nn.Module<Tensor, Tensor>
{
    private readonly Linear fc;
    private readonly BatchNorm1d? bn;

    /// <summary>Creates the bottleneck from <paramref name="inputs"/> to <paramref name="featureDim"/> dimensions.</summary>
    public Bottleneck(int inputs, int featureDim, bool batchNorm) : base(nameof(Bottleneck))
    {
        fc = nn.Linear(inputs, featureDim);
        if (batchNorm) bn = nn.BatchNorm1d(featureDim);
        RegisterComponents();
    }

    /// <summary>(N, inputs) → (N, d).</summary>
    public override Tensor forward(Tensor input)
    {
        var output = fc.call(input);
        if (bn is not null) output = bn.call(output);
        return output.relu_();
    }
}
