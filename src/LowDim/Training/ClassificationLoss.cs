using static TorchSharp.torch;

namespace LowDim.Training;

/// <summary>
/// A loss on logits z (N, K) and integer labels y (N), averaged over the batch. Every kind works in the logits'
/// dtype and is differentiable with respect to the logits.
/// </summary>
public abstract class ClassificationLoss
{
    /// <summary>
    /// Makes the loss that <paramref name="options"/> names:
    /// <list type="bullet">
    /// <item><c>ce</c>: (1/N) Σ_i −log softmax(z_i)_{y_i}, PyTorch's cross_entropy.</item>
    /// <item><c>ls</c>: cross-entropy against the target (1 − α)·e_y + α/K, PyTorch's cross_entropy with label_smoothing = α (Szegedy et al. 2016).</item>
    /// <item><c>focal</c>: (1/N) Σ_i −(1 − p_{i,y_i})^γ log p_{i,y_i}, p = softmax(z) (Lin et al. 2017, without the α class weights).</item>
    /// <item><c>mse</c>: (1/N) Σ_i (1/K) [k (z_{i,y_i} − M)² + Σ_{j≠y_i} z_{ij}²], Hui &amp; Belkin 2021's rescaled square loss; with k = M = 1 it is PyTorch's MSELoss(reduction='mean') against one-hot targets.</item>
    /// </list>
    /// </summary>
    /// <exception cref="InvalidInputException">An unknown kind, or a parameter out of range.</exception>
    public static ClassificationLoss Create(LossOptions options)
    {
        switch (options.Kind.Trim().ToLowerInvariant())
        {
            case "ce":
                return new CrossEntropyLoss(0);
            case "ls":
                if (!(options.Smoothing >= 0 && options.Smoothing <= 1))
                    throw new InvalidInputException($"--smoothing must be in [0, 1], got {options.Smoothing}");
                return new CrossEntropyLoss(options.Smoothing);
            case "focal":
                if (!(options.FocalGamma >= 0) || double.IsInfinity(options.FocalGamma))
                    throw new InvalidInputException($"--focal-gamma must be a finite number ≥ 0, got {options.FocalGamma}");
                return new FocalLoss(options.FocalGamma);
            case "mse":
                if (!(options.MseScale > 0) || double.IsInfinity(options.MseScale))
                    throw new InvalidInputException($"--mse-scale (k) must be a finite number > 0, got {options.MseScale}");
                if (!double.IsFinite(options.MseTarget))
                    throw new InvalidInputException($"--mse-target (M) must be finite, got {options.MseTarget}");
                return new SquareLoss(options.MseScale, options.MseTarget);
            default:
                throw new InvalidInputException($"--loss must be ce, mse, focal or ls, not '{options.Kind}'");
        }
    }

    /// <summary>The loss of a batch.</summary>
    /// <param name="logits">(N, K) floating-point logits.</param>
    /// <param name="labels">(N) int64 labels in 0..K−1.</param>
    /// <returns>A scalar: the mean over the N samples.</returns>
    public abstract Tensor Compute(Tensor logits, Tensor labels);

    /// <summary>Checks the shapes (not the values, which would cost a device synchronisation each step).</summary>
    /// <exception cref="InvalidInputException">Logits that are not (N, K) or labels that are not (N) int64.</exception>
    protected static void CheckShapes(Tensor logits, Tensor labels)
    {
        if (logits.ndim != 2)
            throw new InvalidInputException($"logits must be (N, K), got shape [{string.Join(", ", logits.shape)}]");
        if (labels.ndim != 1 || labels.shape[0] != logits.shape[0])
            throw new InvalidInputException($"labels must be ({logits.shape[0]}), got shape [{string.Join(", ", labels.shape)}]");
        if (labels.dtype != ScalarType.Int64)
            throw new InvalidInputException($"labels must be int64, got {labels.dtype}");
    }
}
