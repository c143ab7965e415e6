using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Training;

/// <summary>
/// The rescaled square loss of Hui &amp; Belkin 2021 ("Evaluation of Neural Architectures Trained with Square Loss
/// vs Cross-Entropy in Classification Tasks", §3): (1/N) Σ_i (1/K) [k (z_{i,y_i} − M)² + Σ_{j≠y_i} z_ij²].
/// </summary>
/// <remarks>
/// The 1/K makes k = M = 1 PyTorch's MSELoss(reduction='mean') against one-hot targets, which averages over all
/// N·K entries. Computed as (1/(NK)) [Σ_ij (z_ij − M e_{y_i,j})² + (k − 1) Σ_i (z_{i,y_i} − M)²].
/// </remarks>
internal sealed class SquareLoss(double scale, double target) : ClassificationLoss
{
    /// <inheritdoc/>
    public override Tensor Compute(Tensor logits, Tensor labels)
    {
        CheckShapes(logits, labels);
        using var scope = NewDisposeScope();
        var index = labels.unsqueeze(1);
        var targets = zeros_like(logits).scatter_(1, index, full_like(index, target, dtype: logits.dtype));
        var residual = logits - targets;
        var squares = residual.square().sum();
        if (scale != 1) squares = squares + (scale - 1) * residual.gather(1, index).square().sum();
        return squares.div(logits.numel()).MoveToOuterDisposeScope();
    }
}
