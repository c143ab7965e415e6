using LowDim.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Theory;

/// <summary>
/// The UFM objective f(W, H, b) = (1/N) Σ_i L(W h_i + b, y_i) + λ_W/2 ‖W‖²_F + λ_H/2 ‖H‖²_F + λ_b/2 ‖b‖² of a
/// <see cref="UfmProblem"/>, over one flat vector x = [vec W; vec H; b] with W, H and b as views of it.
/// </summary>
/// <remarks>
/// The gradient is assembled by hand from G = ∂L/∂Z of the logits, held transposed as Zᵀ = W Hᵀ + b1ᵀ (K × N):
/// ∇_W = Gᵀ H + λ_W W, ∇_H = G W + λ_H H, ∇_b = Gᵀ1 + λ_b b, each one fused multiply-add into the gradient. G has a
/// closed form for cross-entropy with or without label smoothing (softmax(Z) − T)/N and for the square loss; the
/// focal loss takes it from autograd. The tests check every case against autograd of <see cref="Expression"/>,
/// which builds f from the library's loss.
/// The K × N layout is for speed at small K: a softmax over the K entries of each column runs along contiguous
/// rows of length N, several times faster than over rows of length K (measured 5 µs against 43 µs at K = 10,
/// N = 500, float64).
/// </remarks>
public sealed class UfmObjective : SmoothObjective
{
    private readonly UfmProblem problem;
    private readonly ClassificationLoss loss;
    private readonly Tensor labels;
    private readonly Tensor? targets;
    private readonly Tensor? squareWeights;
    private readonly Tensor? biasColumn;
    private readonly Tensor? ones;

    /// <summary>An objective at a copy of <paramref name="start"/> (the start point stays the caller's).</summary>
    /// <exception cref="InvalidInputException">A problem out of range, or a start point of the wrong shapes.</exception>
    public UfmObjective(UfmProblem problem, UfmPoint start) : base(Flatten(problem, start))
    {
        this.problem = problem;
        loss = ClassificationLoss.Create(problem.Loss);
        int k = problem.Classes, d = problem.Dim, n = problem.Samples;
        Weight = Point.narrow(0, 0, (long)k * d).view(k, d);
        Features = Point.narrow(0, (long)k * d, (long)n * d).view(n, d);
        Bias = problem.Bias ? Point.narrow(0, (long)(k + n) * d, k) : null;
        biasColumn = Bias?.unsqueeze(1);
        ones = problem.Bias ? torch.ones(n, problem.DType, Point.device) : null;
        labels = problem.Labels(Point.device);
        using var oneHot = nn.functional.one_hot(labels, k).t().to(problem.DType).contiguous();
        switch (problem.Loss.Kind.Trim().ToLowerInvariant())
        {
            case "ce":
                targets = oneHot.clone();
                break;
            case "ls":
                double alpha = problem.Loss.Smoothing;
                targets = oneHot.mul(1 - alpha).add_(alpha / k);
                break;
            case "mse":
                targets = oneHot.mul(problem.Loss.MseTarget);
                squareWeights = oneHot.mul(problem.Loss.MseScale - 1).add_(1).mul_(1.0 / ((double)n * k));
                break;
        }
    }

    /// <summary>The problem.</summary>
    public UfmProblem Problem => problem;

    /// <summary>W (K, d), a view of <see cref="SmoothObjective.Point"/>.</summary>
    public Tensor Weight { get; }

    /// <summary>H as rows (N, d), a view of <see cref="SmoothObjective.Point"/>.</summary>
    public Tensor Features { get; }

    /// <summary>b (K), a view of <see cref="SmoothObjective.Point"/>, or null without a bias.</summary>
    public Tensor? Bias { get; }

    /// <summary>The labels (N, int64) in the problem's order.</summary>
    public Tensor Labels => labels;

    /// <summary>A copy of the current point as separate tensors.</summary>
    public UfmPoint Current() => new(Weight.clone(), Features.clone(), Bias?.clone());

    /// <inheritdoc/>
    public override double Evaluate(Tensor gradient)
    {
        using var scope = NewDisposeScope();
        var logits = biasColumn is null ? Weight.mm(Features.t()) : biasColumn.addmm(Weight, Features.t());
        var (value, lossGradient) = LossAndGradient(logits);
        int k = problem.Classes, d = problem.Dim, n = problem.Samples;
        // Each block becomes λ·block, then gains its product with G in place. (addmm_ takes β and α in float32,
        // which would round λ; they stay 1 here.)
        gradient.copy_(Point);
        gradient.narrow(0, 0, (long)k * d).mul_(problem.LambdaW).view(k, d).addmm_(lossGradient, Features);
        gradient.narrow(0, (long)k * d, (long)n * d).mul_(problem.LambdaH).view(n, d).addmm_(lossGradient.t(), Weight);
        // The value stays a tensor until the one read at the end: a device would otherwise wait once per term. Its
        // sums of squares and products are elementwise ops, not dot: at small sizes they stay on one thread, where
        // the BLAS dot wakes the thread pool for a few thousand numbers.
        var penalty = Weight.square().sum().mul_(problem.LambdaW / 2).add_(Features.square().sum(), alpha: problem.LambdaH / 2);
        if (Bias is not null)
        {
            gradient.narrow(0, (long)(k + n) * d, k).mul_(problem.LambdaB).addmv_(lossGradient, ones!);
            penalty.add_(Bias.square().sum(), alpha: problem.LambdaB / 2);
        }
        return penalty.add_(value).ToDouble();
    }

    /// <summary>
    /// f as an autograd expression of separate tensors, built from the library's loss: for Hessian-vector products
    /// and as the definition the hand-made gradient is tested against.
    /// </summary>
    /// <param name="problem">The problem.</param>
    /// <param name="loss">The problem's loss, from <see cref="ClassificationLoss.Create"/>.</param>
    /// <param name="labels">(N) int64 labels in the problem's order.</param>
    /// <param name="weight">W (K, d).</param>
    /// <param name="features">H (N, d).</param>
    /// <param name="bias">b (K), or null without a bias.</param>
    public static Tensor Expression(UfmProblem problem, ClassificationLoss loss, Tensor labels, Tensor weight, Tensor features, Tensor? bias)
    {
        using var scope = NewDisposeScope();
        var logits = bias is null ? features.mm(weight.t()) : bias.addmm(features, weight.t());
        var value = loss.Compute(logits, labels)
            + weight.square().sum() * (problem.LambdaW / 2)
            + features.square().sum() * (problem.LambdaH / 2);
        if (bias is not null) value = value + bias.square().sum() * (problem.LambdaB / 2);
        return value.MoveToOuterDisposeScope();
    }

    /// <summary>The mean loss over the samples and Gᵀ = ∂(mean loss)/∂Zᵀ (K × N).</summary>
    private (Tensor Value, Tensor Gradient) LossAndGradient(Tensor logits)
    {
        if (squareWeights is not null)
        {
            var residual = logits.sub_(targets!);
            var weighted = residual * squareWeights;
            return ((weighted * residual).sum(), weighted.mul_(2));
        }
        if (targets is not null)
        {
            var logProbabilities = nn.functional.log_softmax(logits, 0);
            double scale = 1.0 / problem.Samples;
            var value = (targets * logProbabilities).sum().mul_(-scale);
            return (value, logProbabilities.exp_().sub_(targets).mul_(scale));
        }
        var leaf = logits.detach().requires_grad_(true);
        var mean = loss.Compute(leaf.t(), labels);
        return (mean.detach(), torch.autograd.grad([mean], [leaf])[0]);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Weight.Dispose();
            Features.Dispose();
            Bias?.Dispose();
            biasColumn?.Dispose();
            ones?.Dispose();
            labels.Dispose();
            targets?.Dispose();
            squareWeights?.Dispose();
        }
        base.Dispose(disposing);
    }

    private static Tensor Flatten(UfmProblem problem, UfmPoint start)
    {
        problem.Validate();
        ProblemParts.CheckShape("W", start.Weight, [problem.Classes, problem.Dim]);
        ProblemParts.CheckShape("H", start.Features, [problem.Samples, problem.Dim]);
        ProblemParts.CheckBias(problem.Bias, start.Bias, problem.Classes);
        return ProblemParts.Flatten(start.Tensors, problem.DType);
    }
}
