using static TorchSharp.torch;

namespace LowDim.Theory;

/// <summary>
/// A point (W, H, b) of a <see cref="UfmProblem"/>: W (K, d) with one row per class, the features H as rows
/// (N, d) in the problem's sample order, and b (K), or null without a bias. The point owns its tensors.
/// </summary>
public sealed class UfmPoint : IDisposable
{
    /// <summary>Takes ownership of the three tensors.</summary>
    public UfmPoint(Tensor weight, Tensor features, Tensor? bias)
    {
        Weight = weight;
        Features = features;
        Bias = bias;
    }

    /// <summary>W (K, d).</summary>
    public Tensor Weight { get; }

    /// <summary>H as rows (N, d): row i is h_i.</summary>
    public Tensor Features { get; }

    /// <summary>b (K), or null for a problem without bias.</summary>
    public Tensor? Bias { get; }

    /// <summary>The tensors in a fixed order: W, H, then b when there is one.</summary>
    public Tensor[] Tensors => Bias is null ? [Weight, Features] : [Weight, Features, Bias];

    /// <summary>
    /// A random point: entries of W, H and b drawn i.i.d. from N(0, scale²) with the given seed, from a private
    /// generator (other code drawing random numbers at the same time does not change it).
    /// </summary>
    public static UfmPoint Random(UfmProblem problem, long seed, double scale = 0.1, Device? device = null)
    {
        var generator = new TorchSharp.torch.Generator((ulong)seed, device ?? CPU);
        var w = randn([problem.Classes, problem.Dim], problem.DType, device, generator: generator).mul_(scale);
        var h = randn([problem.Samples, problem.Dim], problem.DType, device, generator: generator).mul_(scale);
        var b = problem.Bias ? randn([problem.Classes], problem.DType, device, generator: generator).mul_(scale) : null;
        return new UfmPoint(w, h, b);
    }

    /// <summary>The point W = 0, H = 0, b = 0: a critical point of every balanced UFM with a one-hot loss.</summary>
    public static UfmPoint Zero(UfmProblem problem, Device? device = null) =>
        new(zeros([problem.Classes, problem.Dim], problem.DType, device),
            zeros([problem.Samples, problem.Dim], problem.DType, device),
            problem.Bias ? zeros([problem.Classes], problem.DType, device) : null);

    /// <summary>A copy that owns fresh tensors, detached from any graph.</summary>
    public UfmPoint Clone() => new(Weight.detach().clone(), Features.detach().clone(), Bias?.detach().clone());

    /// <inheritdoc/>
    public void Dispose()
    {
        Weight.Dispose();
        Features.Dispose();
        Bias?.Dispose();
    }
}
