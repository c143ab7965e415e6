using LowDim.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Tests.Training;

public class ClassificationLossTests
{
    [Fact]
    public void FocalWithGammaZeroIsCrossEntropy()
    {
        using var scope = NewDisposeScope();
        var logits = randn(7, 4, dtype: ScalarType.Float64);
        var labels = tensor(new long[] { 0, 1, 2, 3, 3, 2, 1 });

        var focal = ClassificationLoss.Create(new LossOptions { Kind = "focal", FocalGamma = 0 }).Compute(logits, labels);
        var ce = ClassificationLoss.Create(new LossOptions()).Compute(logits, labels);

        // Both reduce the same log-softmax values; rounding only.
        Tolerance.Close(ce.ToDouble(), focal.ToDouble(), Tolerance.Float64);
    }

    [Fact]
    public void SquareLossIsZeroAtTheScaledOneHotTarget()
    {
        using var scope = NewDisposeScope();
        var labels = tensor(new long[] { 2, 0, 1 });
        var logits = nn.functional.one_hot(labels, 3).to(ScalarType.Float64) * 30;

        var loss = ClassificationLoss.Create(new LossOptions { Kind = "mse", MseScale = 15, MseTarget = 30 }).Compute(logits, labels);

        Assert.Equal(0, loss.ToDouble());
    }

    [Theory]
    [InlineData("hinge", "--loss")]
    [InlineData("ls", "--smoothing")]
    [InlineData("focal", "--focal-gamma")]
    [InlineData("mse", "--mse-scale")]
    public void BadOptionsAreInvalidInput(string kind, string message)
    {
        var options = new LossOptions { Kind = kind, Smoothing = 1.5, FocalGamma = -1, MseScale = 0 };

        var error = Assert.Throws<InvalidInputException>(() => ClassificationLoss.Create(options));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void LabelsOfTheWrongShapeAreInvalidInput()
    {
        using var scope = NewDisposeScope();
        var loss = ClassificationLoss.Create(new LossOptions());

        Assert.Throws<InvalidInputException>(() => loss.Compute(randn(4, 3), zeros(3, dtype: ScalarType.Int64)));
        Assert.Throws<InvalidInputException>(() => loss.Compute(randn(4, 3), zeros(4, dtype: ScalarType.Int32)));
    }
}
