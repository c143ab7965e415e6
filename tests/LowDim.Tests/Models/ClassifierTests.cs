using LowDim.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Tests.Models;

public class ClassifierTests
{
    private static readonly ModelOptions SmallMlp = new() { Widths = [16, 12] };
    private static readonly ModelOptions SmallCnn = new() { Architecture = "cnn", Widths = [4, 8] };
    private static readonly ModelOptions ResNet = new() { Architecture = "resnet18" };

    public static TheoryData<string, long[], int?, string> Shapes => new()
    {
        { "mlp", new long[] { 10 }, null, "learned" },
        { "mlp", new long[] { 1, 28, 28 }, null, "etf" },
        { "mlp", new long[] { 3, 32, 32 }, 6, "learned" },
        { "cnn", new long[] { 1, 28, 28 }, null, "learned" },
        { "cnn", new long[] { 3, 32, 32 }, 6, "etf" },
        { "resnet18", new long[] { 1, 28, 28 }, null, "learned" },
        { "resnet18", new long[] { 3, 32, 32 }, 6, "etf" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EveryPassHasTheDocumentedShapes(string architecture, long[] sampleShape, int? featureDim, string head)
    {
        using var scope = NewDisposeScope();
        var options = Options(architecture) with { FeatureDim = featureDim, Head = head };
        using var model = Classifiers.Create(options, sampleShape, classes: 6);
        var input = randn([2, .. sampleShape]);

        var pass = model.Run(input, tapLayers: true);

        int width = architecture switch { "mlp" => 12, "cnn" => 8, _ => 512 };
        Assert.Equal(featureDim ?? width, model.FeatureDim);
        Assert.Equal([2L, 6], pass.Logits.shape);
        Assert.Equal([2L, model.FeatureDim], pass.Features.shape);
        Assert.Equal(model.LayerNames.Count, pass.Layers.Count);
        Assert.All(pass.Layers, layer => Assert.Equal(2, layer.shape[0]));
        Assert.All(pass.Layers, layer => Assert.Equal(2, layer.ndim));
        Assert.True(Identical.Tensors(pass.Features, pass.Layers[^1]));
        Assert.Equal(featureDim ?? width, (int)pass.Layers[^1].shape[1]);
        if (featureDim is not null) Assert.Equal("bottleneck", model.LayerNames[^1]);
        Assert.Empty(model.Run(input, tapLayers: false).Layers);
        Assert.True(Identical.Tensors(pass.Logits, model.call(input)), "forward gives the pass's logits");
    }

    [Theory]
    [InlineData("mlp")]
    [InlineData("cnn")]
    [InlineData("resnet18")]
    public void GradientsReachEveryTrainableParameter(string architecture)
    {
        using var scope = NewDisposeScope();
        using var model = Classifiers.Create(Options(architecture) with { FeatureDim = 4 }, [1, 28, 28], 3);
        model.train();

        model.call(randn(2, 1, 28, 28)).square().sum().backward();

        Assert.All(model.named_parameters(), named => Assert.True(named.parameter.grad is not null, $"{named.name} has no gradient"));
    }

    [Fact]
    public void LayerNamesFollowTheArchitectures()
    {
        using var mlp = Classifiers.Create(SmallMlp, [10], 3);
        using var cnn = Classifiers.Create(SmallCnn, [1, 28, 28], 3);
        using var resnet = Classifiers.Create(ResNet with { FeatureDim = 3 }, [1, 28, 28], 3);

        Assert.Equal(["fc1", "fc2"], mlp.LayerNames);
        Assert.Equal(["conv1", "conv2", "avgpool"], cnn.LayerNames);
        Assert.Equal(["conv1", "layer1", "layer2", "layer3", "layer4", "avgpool", "bottleneck"], resnet.LayerNames);
    }

    [Fact]
    public void MlpStateDictUsesPyTorchNames()
    {
        using var model = Classifiers.Create(SmallMlp, [10], 3);
        string[] norm(int l) => [$"bn{l}.weight", $"bn{l}.bias", $"bn{l}.running_mean", $"bn{l}.running_var", $"bn{l}.num_batches_tracked"];
        string[] expected = ["fc1.weight", "fc1.bias", .. norm(1), "fc2.weight", "fc2.bias", .. norm(2), "fc.weight", "fc.bias"];

        AssertPyTorchNames(expected, model);
    }

    [Fact]
    public void MlpWithoutBatchNormOrHeadBiasHasOnlyLinearLayers()
    {
        using var model = Classifiers.Create(SmallMlp with { BatchNorm = false, HeadBias = false }, [10], 3);

        AssertPyTorchNames(["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc.weight"], model);
        Assert.Null(model.Head.Bias);
        Assert.Equal(10 * 16 + 16 + 16 * 12 + 12 + 12 * 3, model.ParameterCount());
    }

    [Fact]
    public void ResNet18StateDictMatchesTorchvision()
    {
        using var model = Classifiers.Create(ResNet, [3, 32, 32], 10);

        AssertPyTorchNames(TorchvisionResNet18Keys(), model);
        Assert.Equal([64L, 3, 3, 3], model.state_dict()["conv1.weight"].shape);
        Assert.Equal([10L, 512], model.state_dict()["fc.weight"].shape);
        // torchvision's resnet18 has 11,689,512 parameters with the 7×7 ImageNet stem and 1000 classes; the CIFAR
        // stem has 64·3·(9 − 49) fewer and the 10-class head 512·990 + 990 fewer.
        Assert.Equal(11_689_512 - 64 * 3 * 40 - 512 * 990 - 990, model.ParameterCount());
    }

    [Fact]
    public void OneChannelResNet18TakesOneChannelImages()
    {
        using var model = Classifiers.Create(ResNet, [1, 28, 28], 10);

        Assert.Equal([64L, 1, 3, 3], model.state_dict()["conv1.weight"].shape);
    }

    [Fact]
    public void CnnStateDictNamesItsBlocks()
    {
        using var model = Classifiers.Create(SmallCnn with { FeatureDim = 5 }, [1, 28, 28], 3);
        string[] norm(string prefix) => [$"{prefix}.weight", $"{prefix}.bias", $"{prefix}.running_mean", $"{prefix}.running_var", $"{prefix}.num_batches_tracked"];
        string[] expected =
        [
            "conv1.weight", .. norm("bn1"), "conv2.weight", .. norm("bn2"),
            "bottleneck.fc.weight", "bottleneck.fc.bias", .. norm("bottleneck.bn"), "fc.weight", "fc.bias",
        ];

        AssertPyTorchNames(expected, model);
    }

    [Fact]
    public void FeatureAndHeadParametersSplitTheModel()
    {
        using var model = Classifiers.Create(SmallMlp, [10], 3);

        var head = model.HeadParameters().ToList();
        var features = model.FeatureParameters().ToList();

        Assert.Equal(2, head.Count);
        Assert.Same(model.Head.Weight, head[0]);
        Assert.Equal(model.parameters().Count(), head.Count + features.Count);
        Assert.DoesNotContain(features, parameter => head.Contains(parameter));
    }

    [Theory]
    [InlineData("etf")]
    [InlineData("learned")]
    public void MovingTheModelKeepsTheHeadAndBottleneckInUse(string head)
    {
        using var scope = NewDisposeScope();
        using var model = Classifiers.Create(SmallMlp with { FeatureDim = 4, Head = head }, [10], 3);

        model.to(ScalarType.Float64);
        var pass = model.Run(randn(2, 10, dtype: ScalarType.Float64), tapLayers: false);

        Assert.Equal(ScalarType.Float64, model.Head.Weight.dtype);
        Assert.Equal(ScalarType.Float64, pass.Logits.dtype);
    }

    [Theory]
    [InlineData("transformer", "--architecture")]
    [InlineData("cnn-on-vectors", "needs image samples")]
    public void BadOptionsAreInvalidInput(string architecture, string message)
    {
        var options = architecture == "cnn-on-vectors" ? SmallCnn : SmallMlp with { Architecture = architecture };

        var error = Assert.Throws<InvalidInputException>(() => Classifiers.Create(options, [10], 3));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void AnUnknownHeadIsInvalidInput()
    {
        var error = Assert.Throws<InvalidInputException>(() => Classifiers.Create(SmallMlp with { Head = "cosine" }, [10], 3));
        Assert.Contains("--head", error.Message);
    }

    /// <summary>
    /// The state_dict has exactly the expected keys, and the parameters come in PyTorch's order (TorchSharp lists
    /// all parameters before all buffers, so only the parameters' order can match).
    /// </summary>
    private static void AssertPyTorchNames(IReadOnlyList<string> expected, Classifier model)
    {
        Assert.Equal(expected.Order(StringComparer.Ordinal), model.state_dict().Keys.Order(StringComparer.Ordinal));
        var buffers = model.named_buffers().Select(named => named.name).ToHashSet();
        Assert.Equal(expected.Where(name => !buffers.Contains(name)), model.named_parameters().Select(named => named.name));
    }

    private static ModelOptions Options(string architecture) => architecture switch
    {
        "mlp" => SmallMlp,
        "cnn" => SmallCnn,
        _ => ResNet,
    };

    /// <summary>torchvision.models.resnet18().state_dict().keys(), in order (the stem's shape differs, not its names).</summary>
    private static List<string> TorchvisionResNet18Keys()
    {
        static IEnumerable<string> Norm(string prefix) =>
            new[] { "weight", "bias", "running_mean", "running_var", "num_batches_tracked" }.Select(name => $"{prefix}.{name}");
        var keys = new List<string> { "conv1.weight" };
        keys.AddRange(Norm("bn1"));
        for (int layer = 1; layer <= 4; layer++)
        {
            for (int block = 0; block < 2; block++)
            {
                string prefix = $"layer{layer}.{block}";
                keys.Add($"{prefix}.conv1.weight");
                keys.AddRange(Norm($"{prefix}.bn1"));
                keys.Add($"{prefix}.conv2.weight");
                keys.AddRange(Norm($"{prefix}.bn2"));
                if (layer > 1 && block == 0)
                {
                    keys.Add($"{prefix}.downsample.0.weight");
                    keys.AddRange(Norm($"{prefix}.downsample.1"));
                }
            }
        }
        keys.AddRange(["fc.weight", "fc.bias"]);
        return keys;
    }
}
