using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Training;

/// <summary>
/// The focal loss of Lin et al. 2017 ("Focal Loss for Dense Object Detection") without class weights:
/// (1/N) Σ_i −(1 − p_i)^γ log p_i, p_i = softmax(z_i)_{y_i}, computed from log-softmax for stability.
/// </summary>
internal sealed class FocalLoss(double gamma) : ClassificationLoss
{
    /// <inheritdoc/>
    public override Tensor Compute(Tensor logits, Tensor labels)
    {
        CheckShapes(logits, labels);
        using var scope = NewDisposeScope();
        var logProbability = nn.functional.log_softmax(logits, 1).gather(1, labels.unsqueeze(1)).squeeze(1);
        var modulation = (1 - logProbability.exp()).pow(gamma);
        return (modulation * logProbability).mean().neg().MoveToOuterDisposeScope();
    }
}
