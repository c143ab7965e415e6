using LowDim.Measurement;
using LowDim.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Tests.Models;

public class SimplexEtfHeadTests
{
    [Theory]
    [InlineData(10, 512)]
    [InlineData(10, 10)]
    [InlineData(10, 9)]
    [InlineData(2, 1)]
    [InlineData(5, 7)]
    public void RowsFormASimplexEtf(int classes, int featureDim)
    {
        using var scope = NewDisposeScope();
        using var head = new SimplexEtfHead(featureDim, classes);
        var w = head.Weight.to(ScalarType.Float64);

        var gram = w.matmul(w.T);
        var simplex = (eye(classes, dtype: ScalarType.Float64) - 1.0 / classes) * (classes / (classes - 1.0));
        var geometry = NeuralCollapse.Measure(
            randn(classes, featureDim, dtype: ScalarType.Float64), arange(classes), classifier: new LinearClassifier(w));

        Assert.Equal([(long)classes, featureDim], head.Weight.shape);
        // The frame is built in float64 and stored in float32: entries carry a relative error of ε = 6e-8.
        Tolerance.Close(0, (gram - simplex).abs().max().item<double>(), 0, 1e-6, "W Wᵀ − K/(K−1)(I − 11ᵀ/K)");
        Tolerance.Close(0, geometry.Nc2EtfW!.Value, 0, 1e-6, "nc2_etf_w");
        Tolerance.Close(0, (w.norm(1) - 1).abs().max().item<double>(), 0, 1e-6, "row norms − 1");
    }

    [Fact]
    public void TheFrameIsABufferNotAParameter()
    {
        using var model = Classifiers.Create(new ModelOptions { Widths = [8], Head = "etf" }, [4], 3);

        Assert.Empty(model.HeadParameters());
        Assert.Empty(model.Head.parameters());
        Assert.False(model.Head.IsTrainable);
        Assert.Null(model.Head.Bias);
        Assert.DoesNotContain(model.parameters(), parameter => ReferenceEquals(parameter, model.Head.Weight));
        Assert.Contains("fc.weight", model.state_dict().Keys);
        Assert.DoesNotContain("fc.bias", model.state_dict().Keys);
        Assert.Equal(4 * 8 + 8 + 8 + 8, model.ParameterCount(trainableOnly: false));
    }

    [Fact]
    public void DifferentDrawsGiveDifferentRotationsOfTheSameFrame()
    {
        using var scope = NewDisposeScope();
        using var first = new SimplexEtfHead(6, 4);
        using var second = new SimplexEtfHead(6, 4);

        Assert.False(first.Weight.allclose(second.Weight));
        Assert.True(first.Weight.matmul(first.Weight.T).allclose(second.Weight.matmul(second.Weight.T), atol: 1e-6));
    }

    [Fact]
    public void TooFewFeatureDimensionsAreInvalidInput()
    {
        var error = Assert.Throws<InvalidInputException>(() => new SimplexEtfHead(8, 10));
        Assert.Equal("a simplex ETF head for 10 classes needs a feature dimension of at least 9, got 8", error.Message);
    }
}
