using LowDim.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Theory;

/// <summary>
/// The deep UFM objective f(H_1, W_1..W_L, b) = (1/N) Σ_i L(z_i, y_i) + Σ_l λ_{W_l}/2 ‖W_l‖²_F + λ_H/2 ‖H_1‖²_F
/// + λ_b/2 ‖b‖² of a <see cref="DeepUfmProblem"/>, over one flat vector x = [vec H_1; vec W_1; …; vec W_L; b]
/// with H_1, the W_l and b as views of it.
/// </summary>
/// <remarks>
/// The gradient of the loss comes from autograd, with one leaf per view (H_1, each W_l, b) made afresh at each
/// evaluation; the weight decays add Λx, with Λ the diagonal of the λ's laid out like x, without a graph. Both
/// choices were measured: making the flat vector itself the leaf and building the views inside the graph was
/// 5–10% slower (the backward of each view scatters into a zero tensor the size of the whole vector), and
/// differentiating the penalties by autograd too, at about six small tensor operations per layer, made an
/// evaluation nearly twice as slow on small problems (K = 6, N = 12, widths 12 × 5: 0.22 against 0.12 ms).
/// The tests check the gradient against autograd of <see cref="Expression"/>, the whole objective.
/// </remarks>
public sealed class DeepUfmObjective : SmoothObjective
{
    private readonly DeepUfmProblem problem;
    private readonly ClassificationLoss loss;
    private readonly Tensor labels;
    private readonly Tensor decay;

    /// <summary>An objective at a copy of <paramref name="start"/> (the start point stays the caller's).</summary>
    /// <exception cref="InvalidInputException">A problem out of range, or a start point of the wrong shapes.</exception>
    public DeepUfmObjective(DeepUfmProblem problem, DeepUfmPoint start) : base(Flatten(problem, start))
    {
        this.problem = problem;
        loss = ClassificationLoss.Create(problem.Loss);
        (Features, Weights, Bias) = Views(problem, Point);
        labels = problem.Labels(Point.device);
        decay = Decay(problem, Point);
    }

    /// <summary>The problem.</summary>
    public DeepUfmProblem Problem => problem;

    /// <summary>H_1 as rows (N, d_1), a view of <see cref="SmoothObjective.Point"/>.</summary>
    public Tensor Features { get; }

    /// <summary>W_1..W_L, views of <see cref="SmoothObjective.Point"/>.</summary>
    public IReadOnlyList<Tensor> Weights { get; }

    /// <summary>b (K), a view of <see cref="SmoothObjective.Point"/>, or null without a bias.</summary>
    public Tensor? Bias { get; }

    /// <summary>The labels (N, int64) in the problem's order.</summary>
    public Tensor Labels => labels;

    /// <summary>A copy of the current point as separate tensors.</summary>
    public DeepUfmPoint Current() => new(Features.clone(), Weights.Select(w => w.clone()).ToArray(), Bias?.clone());

    /// <summary>
    /// The features H_1..H_L (N, d_l) of the current point, as new tensors outside any graph that the caller
    /// disposes; H_l is the input of W_l, so H_L is what the last layer classifies.
    /// </summary>
    public Tensor[] LayerFeatures()
    {
        using var noGrad = no_grad();
        var layers = new Tensor[problem.Layers];
        layers[0] = Features.clone();
        for (int l = 1; l < problem.Layers; l++) layers[l] = Layer(problem, layers[l - 1], Weights[l - 1]);
        return layers;
    }

    /// <inheritdoc/>
    public override double Evaluate(Tensor gradient)
    {
        using var scope = NewDisposeScope();
        gradient.copy_(Point).mul_(decay);
        var penalty = gradient.dot(Point).mul_(0.5);
        using var withGrad = enable_grad();
        var features = Features.detach().requires_grad_(true);
        var weights = Weights.Select(w => w.detach().requires_grad_(true)).ToArray();
        var bias = Bias?.detach().requires_grad_(true);
        var value = loss.Compute(Logits(problem, features, weights, bias), labels);
        Tensor[] leaves = bias is null ? [features, .. weights] : [features, .. weights, bias];
        var gradients = torch.autograd.grad([value], leaves);
        var (gradientFeatures, gradientWeights, gradientBias) = Views(problem, gradient);
        Tensor[] targets = gradientBias is null ? [gradientFeatures, .. gradientWeights] : [gradientFeatures, .. gradientWeights, gradientBias];
        for (int i = 0; i < targets.Length; i++) targets[i].add_(gradients[i]);
        return penalty.add_(value.detach()).ToDouble();
    }

    /// <summary>
    /// f as one autograd expression of separate tensors, built from the library's loss: the definition the
    /// gradient of <see cref="Evaluate"/> is tested against, and the function for Hessian-vector products.
    /// </summary>
    /// <param name="problem">The problem.</param>
    /// <param name="loss">The problem's loss, from <see cref="ClassificationLoss.Create"/>.</param>
    /// <param name="labels">(N) int64 labels in the problem's order.</param>
    /// <param name="features">H_1 (N, d_1).</param>
    /// <param name="weights">W_1..W_L.</param>
    /// <param name="bias">b (K), or null without a bias.</param>
    public static Tensor Expression(
        DeepUfmProblem problem, ClassificationLoss loss, Tensor labels, Tensor features, IReadOnlyList<Tensor> weights, Tensor? bias)
    {
        using var scope = NewDisposeScope();
        var logits = Logits(problem, features, weights, bias);
        var value = loss.Compute(logits, labels) + features.square().sum() * (problem.LambdaH / 2);
        for (int l = 0; l < problem.Layers; l++) value = value + weights[l].square().sum() * (problem.LambdaWOf(l) / 2);
        if (bias is not null) value = value + bias.square().sum() * (problem.LambdaB / 2);
        return value.MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Features.Dispose();
            foreach (var weight in Weights) weight.Dispose();
            Bias?.Dispose();
            labels.Dispose();
            decay.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>Z = W_L σ(⋯σ(W_1 H_1)) + b 1ᵀ in rows (N, K).</summary>
    private static Tensor Logits(DeepUfmProblem problem, Tensor features, IReadOnlyList<Tensor> weights, Tensor? bias)
    {
        var h = features;
        for (int l = 0; l < problem.Layers - 1; l++) h = Layer(problem, h, weights[l]);
        var last = weights[problem.Layers - 1];
        return bias is null ? h.mm(last.t()) : bias.addmm(h, last.t());
    }

    /// <summary>H_{l+1} = σ(W_l H_l) in rows: σ(H W_lᵀ).</summary>
    private static Tensor Layer(DeepUfmProblem problem, Tensor features, Tensor weight)
    {
        var next = features.mm(weight.t());
        return problem.UsesRelu ? next.relu_() : next;
    }

    /// <summary>The weight decays laid out like <see cref="SmoothObjective.Point"/>: λ_H over H_1, λ_{W_l} over W_l, λ_b over b.</summary>
    private static Tensor Decay(DeepUfmProblem problem, Tensor point)
    {
        var decay = empty_like(point);
        var (features, weights, bias) = Views(problem, decay);
        using (features) features.fill_(problem.LambdaH);
        for (int l = 0; l < problem.Layers; l++)
            using (weights[l]) weights[l].fill_(problem.LambdaWOf(l));
        using (bias) bias?.fill_(problem.LambdaB);
        return decay;
    }

    /// <summary>H_1, the W_l and b as views of a flat vector laid out like <see cref="SmoothObjective.Point"/>.</summary>
    private static (Tensor Features, Tensor[] Weights, Tensor? Bias) Views(DeepUfmProblem problem, Tensor flat)
    {
        long at = (long)problem.Samples * problem.Widths[0];
        var features = flat.narrow(0, 0, at).view(problem.Samples, problem.Widths[0]);
        var weights = new Tensor[problem.Layers];
        for (int l = 0; l < problem.Layers; l++)
        {
            long[] shape = problem.WeightShape(l);
            weights[l] = flat.narrow(0, at, shape[0] * shape[1]).view(shape);
            at += shape[0] * shape[1];
        }
        return (features, weights, problem.Bias ? flat.narrow(0, at, problem.Classes) : null);
    }

    private static Tensor Flatten(DeepUfmProblem problem, DeepUfmPoint start)
    {
        problem.Validate();
        ProblemParts.CheckShape("H_1", start.Features, [problem.Samples, problem.Widths[0]]);
        if (start.Weights.Count != problem.Layers)
            throw new InvalidInputException($"the start point has {start.Weights.Count} weight matrices for {problem.Layers} layers");
        for (int l = 0; l < problem.Layers; l++) ProblemParts.CheckShape($"W_{l + 1}", start.Weights[l], problem.WeightShape(l));
        ProblemParts.CheckBias(problem.Bias, start.Bias, problem.Classes);
        return ProblemParts.Flatten(start.Tensors, problem.DType);
    }
}
