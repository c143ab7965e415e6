using LowDim.Theory;
using LowDim.Training;
using static TorchSharp.torch;

namespace LowDim.Tests.Theory;

public sealed class DeepUfmProblemTests
{
    private static DeepUfmProblem Valid() => DeepUfmProblem.Balanced(4, [8, 6, 5], 3);

    public static TheoryData<DeepUfmProblem, string> Invalid() => new()
    {
        { Valid() with { Classes = 1, ClassSizes = [3] }, "--classes must be at least 2, got 1" },
        { Valid() with { Widths = [] }, "--widths must list at least one width (d_1 of the features)" },
        { Valid() with { Widths = [8, 0, 5] }, "every width must be at least 1, got 8,0,5" },
        { Valid() with { ClassSizes = [3, 3, 3] }, "--class-sizes lists 3 sizes for 4 classes" },
        { Valid() with { ClassSizes = [3, 0, 3, 3] }, "every class needs at least one sample, got sizes 3,0,3,3" },
        { Valid() with { Activation = "tanh" }, "--activation must be linear or relu, not 'tanh'" },
        { Valid() with { LambdaH = -1 }, "--lambda-h must be a finite number ≥ 0, got -1" },
        { Valid() with { LambdaW = [1e-3, 1e-3] }, "--lambda-w needs one value or 3 (one per layer), got 2" },
        { Valid() with { LambdaW = [1e-3, double.NaN, 1e-3] }, "--lambda-w must be a finite number ≥ 0, got NaN" },
        { Valid() with { LambdaB = double.PositiveInfinity }, "--lambda-b must be a finite number ≥ 0, got Infinity" },
        { Valid() with { DType = ScalarType.Int32 }, "--dtype must be float32 or float64, got Int32" },
        { Valid() with { Loss = new LossOptions { Kind = "hinge" } }, "--loss must be ce, mse, focal or ls, not 'hinge'" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void EachFieldOutOfRangeIsOneLine(DeepUfmProblem problem, string message)
    {
        var error = Assert.Throws<InvalidInputException>(problem.Validate);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void OneWeightDecayServesEveryLayerAndOnePerLayerIsTakenInOrder()
    {
        Assert.Equal(1e-3, (Valid() with { LambdaW = [1e-3] }).LambdaWOf(2));
        Assert.Equal(3e-3, (Valid() with { LambdaW = [1e-3, 2e-3, 3e-3] }).LambdaWOf(2));
    }

    [Fact]
    public void WeightShapesFollowTheWidthsAndEndAtTheClasses()
    {
        var problem = Valid();
        Assert.Equal([6L, 8L], problem.WeightShape(0));
        Assert.Equal([5L, 6L], problem.WeightShape(1));
        Assert.Equal([4L, 5L], problem.WeightShape(2));
        Assert.Equal(3, problem.Layers);
    }

    [Fact]
    public void LabelsAreOrderedByClass()
    {
        var problem = Valid() with { ClassSizes = [1, 2, 1, 3] };
        using var labels = problem.Labels();
        Assert.Equal([0L, 1, 1, 2, 3, 3, 3], labels.data<long>().ToArray());
    }

    [Fact]
    public void DescribeNamesEveryParameter()
    {
        var problem = Valid() with { Loss = new LossOptions { Kind = "mse" }, LambdaW = [1e-3, 2e-3, 3e-3], LambdaH = 1e-4 };
        Assert.Equal("mse, K = 4, n = 3, L = 3 relu layers, widths 8,6,5, λ_H = 0.0001, λ_W = 0.001,0.002,0.003, no bias", problem.Describe());
        Assert.Equal(
            "ce, K = 4, n = 3, L = 1 linear layer, widths 8, λ_H = 0.0005, λ_W = 0.0005, λ_b = 0.0005",
            (Valid() with { Widths = [8], Activation = "linear", Bias = true }).Describe());
    }
}
