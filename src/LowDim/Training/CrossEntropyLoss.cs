using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Training;

/// <summary>
/// Cross-entropy, optionally with label smoothing α: (1/N) Σ_i −Σ_j t_ij log softmax(z_i)_j with
/// t_i = (1 − α)·e_{y_i} + α/K (α = 0: plain cross-entropy). Exactly PyTorch's cross_entropy(label_smoothing = α).
/// </summary>
internal sealed class CrossEntropyLoss(double smoothing) : ClassificationLoss
{
    /// <inheritdoc/>
    public override Tensor Compute(Tensor logits, Tensor labels)
    {
        CheckShapes(logits, labels);
        return nn.functional.cross_entropy(logits, labels, label_smoothing: smoothing);
    }
}
