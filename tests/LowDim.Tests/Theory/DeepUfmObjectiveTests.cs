using LowDim.Theory;
using LowDim.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Tests.Theory;

public sealed class DeepUfmObjectiveTests
{
    private static readonly LossOptions Mse = new() { Kind = "mse" };

    [Theory]
    [InlineData("ce", true)]
    [InlineData("ce", false)]
    [InlineData("mse", true)]
    [InlineData("mse", false)]
    [InlineData("focal", true)]
    public void OneLayerIsThePlainUfmInValueAndGradient(string loss, bool bias)
    {
        var options = new LossOptions { Kind = loss, MseScale = 2, MseTarget = 3 };
        var ufm = UfmProblem.Balanced(4, 6, 5) with { Loss = options, Bias = bias, LambdaW = 2e-2, LambdaH = 3e-2, LambdaB = 5e-2 };
        var deep = DeepUfmProblem.Balanced(4, [6], 5) with { Loss = options, Bias = bias, LambdaW = [2e-2], LambdaH = 3e-2, LambdaB = 5e-2 };
        using var point = UfmPoint.Random(ufm, seed: 11, scale: 1.0);
        using var start = new DeepUfmPoint(point.Features.clone(), [point.Weight.clone()], point.Bias?.clone());
        using var plain = new UfmObjective(ufm, point);
        using var objective = new DeepUfmObjective(deep, start);
        using var plainGradient = zeros_like(plain.Point);
        using var gradient = zeros_like(objective.Point);

        double expected = plain.Evaluate(plainGradient);
        double actual = objective.Evaluate(gradient);

        // The same float64 sums in two orders (hand-made gradient against autograd): a few ulps of O(1) terms.
        Tolerance.Close(expected, actual, 1e-13, what: "objective");
        long w = 4 * 6, h = 20 * 6;
        AssertClose(plainGradient.narrow(0, w, h), gradient.narrow(0, 0, h), "∇H");
        AssertClose(plainGradient.narrow(0, 0, w), gradient.narrow(0, h, w), "∇W");
        if (bias) AssertClose(plainGradient.narrow(0, w + h, 4), gradient.narrow(0, w + h, 4), "∇b");
    }

    [Theory]
    [InlineData("linear")]
    [InlineData("relu")]
    public void TwoLayersWithTheSquareLossMatchAHandWrittenGradient(string activation)
    {
        var problem = DeepUfmProblem.Balanced(3, [5, 4], 4) with { Loss = Mse, Activation = activation, LambdaH = 1e-2, LambdaW = [2e-2, 3e-2] };
        using var start = DeepUfmPoint.Random(problem, seed: 5);
        using var objective = new DeepUfmObjective(problem, start);
        using var gradient = zeros_like(objective.Point);
        double value = objective.Evaluate(gradient);

        using var scope = NewDisposeScope();
        var h = start.Features;
        var (w1, w2) = (start.Weights[0], start.Weights[1]);
        using var labels = problem.Labels();
        var y = nn.functional.one_hot(labels, 3).to(float64);
        // Z = σ(H W1ᵀ) W2ᵀ, f = (1/(NK)) ‖Z − Y‖² + λ_H/2 ‖H‖² + λ_1/2 ‖W1‖² + λ_2/2 ‖W2‖².
        var pre = h.mm(w1.t());
        var mask = activation == "relu" ? pre.gt(0).to(float64) : ones_like(pre);
        var hidden = pre * mask;
        var z = hidden.mm(w2.t());
        double nk = 12 * 3;
        var expected = (z - y).square().sum() / nk + h.square().sum() * 5e-3 + w1.square().sum() * 1e-2 + w2.square().sum() * 1.5e-2;
        var g = (z - y) * (2 / nk);
        var gradientW2 = g.t().mm(hidden) + w2 * 3e-2;
        var back = g.mm(w2) * mask;
        var gradientW1 = back.t().mm(h) + w1 * 2e-2;
        var gradientH = back.mm(w1) + h * 1e-2;

        // float64 sums of a few dozen O(1) terms.
        Tolerance.Close(expected.ToDouble(), value, 1e-13, what: "objective");
        AssertClose(gradientH.reshape(-1), gradient.narrow(0, 0, 60), "∇H");
        AssertClose(gradientW1.reshape(-1), gradient.narrow(0, 60, 20), "∇W1");
        AssertClose(gradientW2.reshape(-1), gradient.narrow(0, 80, 12), "∇W2");
    }

    [Theory]
    [InlineData("ce", true)]
    [InlineData("mse", false)]
    [InlineData("ls", true)]
    public void TheGradientIsAutogradOfTheWholeExpression(string loss, bool bias)
    {
        var problem = DeepUfmProblem.Balanced(3, [5, 4, 6], 4) with
        {
            Loss = new LossOptions { Kind = loss }, Bias = bias, LambdaH = 1e-2, LambdaW = [2e-2, 3e-2, 4e-2], LambdaB = 5e-2,
        };
        using var start = DeepUfmPoint.Random(problem, seed: 2);
        using var objective = new DeepUfmObjective(problem, start);
        using var gradient = zeros_like(objective.Point);
        double value = objective.Evaluate(gradient);

        using var scope = NewDisposeScope();
        var leaves = start.Tensors.Select(t => t.detach().clone().requires_grad_(true)).ToArray();
        using var labels = problem.Labels();
        var expression = DeepUfmObjective.Expression(
            problem, ClassificationLoss.Create(problem.Loss), labels, leaves[0], leaves[1..4], bias ? leaves[4] : null);
        var expected = cat(torch.autograd.grad([expression], leaves).Select(g => g.reshape(-1)).ToArray(), 0);

        // The weight decays are added in closed form, the loss's gradient is the same autograd: rounding only.
        Tolerance.Close(expression.ToDouble(), value, 1e-13, what: "objective");
        AssertClose(expected, gradient, "gradient");
    }

    [Fact]
    public void TheReluActsAfterEveryLayerButTheLast()
    {
        var relu = DeepUfmProblem.Balanced(2, [2, 3], 1) with { Loss = Mse, LambdaH = 0, LambdaW = [0] };
        // h = (1, −2) for both samples; W1 h = (1, −2, −1) → σ = (1, 0, 0); W2 σ(W1 h) = (−1, 2): the last layer stays linear.
        using var start = new DeepUfmPoint(
            tensor(new double[] { 1, -2, 1, -2 }).view(2, 2),
            [tensor(new double[] { 1, 0, 0, 1, 1, 1 }).view(3, 2), tensor(new double[] { -1, 5, 5, 2, 7, 7 }).view(2, 3)],
            null);
        using var objective = new DeepUfmObjective(relu, start);
        using var linear = new DeepUfmObjective(relu with { Activation = "linear" }, start);

        var layers = objective.LayerFeatures();
        var linearLayers = linear.LayerFeatures();
        Assert.Equal([1.0, -2, 1, -2], layers[0].data<double>().ToArray());
        Assert.Equal([1.0, 0, 0, 1, 0, 0], layers[1].data<double>().ToArray());
        Assert.Equal([1.0, -2, -1, 1, -2, -1], linearLayers[1].data<double>().ToArray());
        using var gradient = zeros_like(objective.Point);
        // Logits (−1, 2) for labels 0 and 1: (1/(N K)) Σ ‖z − y‖² = ((−2)² + 2² + (−1)² + 1²)/4 = 2.5.
        Assert.Equal(2.5, objective.Evaluate(gradient), 15);
        foreach (var t in layers.Concat(linearLayers)) t.Dispose();
    }

    [Fact]
    public void PerLayerWeightDecaysEnterTheirOwnLayer()
    {
        var problem = DeepUfmProblem.Balanced(2, [2, 2], 1) with { Loss = Mse, LambdaH = 0, LambdaW = [2, 6] };
        using var start = new DeepUfmPoint(zeros(2, 2, float64), [ones(2, 2, float64), ones(2, 2, float64).mul_(2)], null);
        using var objective = new DeepUfmObjective(problem, start);
        using var gradient = zeros_like(objective.Point);
        // Zero logits cost 1/K = 0.5; ‖W1‖² = 4, ‖W2‖² = 16: 0.5 + 2/2·4 + 6/2·16 = 52.5.
        Assert.Equal(52.5, objective.Evaluate(gradient), 12);
        Assert.Equal([2.0, 2, 2, 2], gradient.narrow(0, 4, 4).data<double>().ToArray());
        Assert.Equal([12.0, 12, 12, 12], gradient.narrow(0, 8, 4).data<double>().ToArray());
    }

    [Fact]
    public void AStartPointOfTheWrongShapeIsOneClearError()
    {
        var problem = DeepUfmProblem.Balanced(3, [4, 5], 2);
        using var start = new DeepUfmPoint(zeros(6, 4, float64), [zeros(5, 4, float64), zeros(2, 5, float64)], null);
        var error = Assert.Throws<InvalidInputException>(() => new DeepUfmObjective(problem, start));
        Assert.Equal("W_2 must have shape [3, 5], got [2, 5]", error.Message);
        using var short_ = new DeepUfmPoint(zeros(6, 4, float64), [zeros(5, 4, float64)], null);
        Assert.Equal("the start point has 1 weight matrices for 2 layers", Assert.Throws<InvalidInputException>(() => new DeepUfmObjective(problem, short_)).Message);
    }

    [Fact]
    public void TheSameSeedDrawsTheSameStartWhateverElseDrawsRandomNumbers()
    {
        var problem = DeepUfmProblem.Balanced(3, [4, 5], 2) with { Bias = true };
        using var first = DeepUfmPoint.Random(problem, seed: 9);
        using var noise = randn(100);
        using var again = DeepUfmPoint.Random(problem, seed: 9);
        using var other = DeepUfmPoint.Random(problem, seed: 10);

        for (int i = 0; i < first.Tensors.Length; i++) Assert.True(first.Tensors[i].Equals(again.Tensors[i]), $"tensor {i}");
        Assert.False(first.Features.Equals(other.Features));
        Assert.Equal(new long[] { 3, 5 }, first.Weights[1].shape);
        Assert.Equal(new long[] { 3 }, first.Bias!.shape);
    }

    private static void AssertClose(Tensor expected, Tensor actual, string what)
    {
        using var difference = (expected - actual).norm();
        using var scale = expected.norm();
        // Autograd and the reference sum the same float64 products in different orders: rounding near 1e-15 relative.
        Assert.True(difference.ToDouble() <= 1e-12 * scale.ToDouble(), $"{what} differs by {difference.ToDouble():E2} (norm {scale.ToDouble():E2})");
    }
}
