using TorchSharp;

namespace LowDim.Measurement;

/// <summary>The last layer of a classifier, logits = W h + b.</summary>
/// <param name="Weight">(K, d) weights W, one row per class.</param>
/// <param name="Bias">(K) bias b, or null for a classifier without bias (b = 0).</param>
public sealed record LinearClassifier(torch.Tensor Weight, torch.Tensor? Bias = null);
