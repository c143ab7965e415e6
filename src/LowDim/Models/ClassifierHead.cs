using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Models;

/// <summary>
/// The last layer of a classifier, logits = features Wᵀ + b. Registered in its classifier as <c>fc</c>, so its
/// weight is saved as <c>fc.weight</c> in every architecture.
/// </summary>
public abstract class ClassifierHead : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the module with its type name.</summary>
    protected ClassifierHead(string name) : base(name)
    {
    }

    /// <summary>(K, d) weights W, one row per class.</summary>
    public abstract Tensor Weight { get; }

    /// <summary>(K) bias b, or null for a head without bias.</summary>
    public abstract Tensor? Bias { get; }

    /// <summary>Whether the optimiser trains the head (false for a fixed simplex ETF).</summary>
    public abstract bool IsTrainable { get; }
}
