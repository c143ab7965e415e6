using static TorchSharp.torch;

namespace LowDim.Theory;

/// <summary>
/// A point (H_1, W_1..W_L, b) of a <see cref="DeepUfmProblem"/>: the free features H_1 as rows (N, d_1) in the
/// problem's sample order, the weights W_l (d_{l+1}, d_l) with W_L (K, d_L), and b (K), or null without a bias.
/// The point owns its tensors.
/// </summary>
public sealed class DeepUfmPoint : IDisposable
{
    /// <summary>Takes ownership of the tensors.</summary>
    public DeepUfmPoint(Tensor features, IReadOnlyList<Tensor> weights, Tensor? bias)
    {
        Features = features;
        Weights = weights;
        Bias = bias;
    }

    /// <summary>H_1 as rows (N, d_1): row i is h_i.</summary>
    public Tensor Features { get; }

    /// <summary>W_1..W_L: W_l is (d_{l+1}, d_l) and W_L is (K, d_L).</summary>
    public IReadOnlyList<Tensor> Weights { get; }

    /// <summary>b (K), or null for a problem without bias.</summary>
    public Tensor? Bias { get; }

    /// <summary>The tensors in a fixed order: H_1, W_1..W_L, then b when there is one.</summary>
    public Tensor[] Tensors => [Features, .. Weights, .. Bias is null ? Array.Empty<Tensor>() : [Bias]];

    /// <summary>
    /// A random point from a private generator with the given seed (other code drawing random numbers at the same
    /// time does not change it): H_1 with entries N(0, scale²/d_1), then W_1..W_L and b with entries
    /// N(0, 1/d_l), where d_l is the layer's input width. Every h_i then has a norm near <paramref name="scale"/>
    /// and every layer keeps norms of the same order (halving squared norms at a ReLU), whatever the widths: the
    /// start is neither large for wide layers nor, for deep models, near the origin, which is a local minimum once
    /// L ≥ 2 (with positive weight decays) and traps small starts.
    /// </summary>
    public static DeepUfmPoint Random(DeepUfmProblem problem, long seed, double scale = 1.0, Device? device = null)
    {
        using var generator = new TorchSharp.torch.Generator((ulong)seed, device ?? CPU);
        var features = randn([problem.Samples, problem.Widths[0]], problem.DType, device, generator: generator).mul_(scale / Math.Sqrt(problem.Widths[0]));
        var weights = new Tensor[problem.Layers];
        for (int l = 0; l < problem.Layers; l++)
            weights[l] = randn(problem.WeightShape(l), problem.DType, device, generator: generator).mul_(1 / Math.Sqrt(problem.Widths[l]));
        var bias = problem.Bias
            ? randn([problem.Classes], problem.DType, device, generator: generator).mul_(1 / Math.Sqrt(problem.Widths[^1]))
            : null;
        return new DeepUfmPoint(features, weights, bias);
    }

    /// <summary>A copy that owns fresh tensors, detached from any graph.</summary>
    public DeepUfmPoint Clone() =>
        new(Features.detach().clone(), Weights.Select(w => w.detach().clone()).ToArray(), Bias?.detach().clone());

    /// <inheritdoc/>
    public void Dispose()
    {
        Features.Dispose();
        foreach (var weight in Weights) weight.Dispose();
        Bias?.Dispose();
    }
}
