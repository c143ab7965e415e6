using static TorchSharp.torch;

namespace LowDim.Models;

/// <summary>What one forward pass of a <see cref="Classifier"/> gives.</summary>
/// <param name="Logits">(N, K) logits W h + b.</param>
/// <param name="Features">(N, d) penultimate features h, the head's input.</param>
/// <param name="Layers">
/// Each tapped layer's output flattened to (N, *), in <see cref="Classifier.LayerNames"/> order; empty when the
/// pass did not tap layers. The last one holds the same values as <paramref name="Features"/>.
/// </param>
public sealed record ClassifierPass(Tensor Logits, Tensor Features, IReadOnlyList<Tensor> Layers);
