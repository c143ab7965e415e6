using LowDim.Experiments;

namespace LowDim.Tests.Experiments;

public class TrainSpecJsonTests
{
    [Fact]
    public void WrittenSpecReadsBackEqual()
    {
        var spec = new TrainSpec { Name = "x", Widths = [8, 4], FeatureDim = 3, Milestones = [0.5], HeadWeightDecay = 1e-3 };
        var back = TrainSpecJson.Parse(TrainSpecJson.Write(spec), "test");
        Assert.Equal(TrainSpecJson.Write(spec), TrainSpecJson.Write(back));
        Assert.NotNull(back.Widths);
        Assert.Equal([8, 4], back.Widths);
        Assert.Equal(3, back.FeatureDim);
    }

    [Fact]
    public void KeysAreSnakeCase()
    {
        string json = TrainSpecJson.Write(new TrainSpec());
        Assert.Contains("\"feature_dim\": null", json);
        Assert.Contains("\"batch_size\": 128", json);
        Assert.Contains("\"measure_at\": \"log\"", json);
    }

    [Fact]
    public void OverridesParseEachType()
    {
        var spec = TrainSpecJson.Override(new TrainSpec(), new Dictionary<string, string>
        {
            ["--feature-dim"] = "10", ["widths"] = "64, 32", ["lr"] = "0.1", ["random_labels"] = "true",
            ["milestones"] = "1/2,3/4", ["per-class"] = "none", ["head"] = "etf",
        });
        Assert.Equal(10, spec.FeatureDim);
        Assert.NotNull(spec.Widths);
        Assert.Equal([64, 32], spec.Widths);
        Assert.Equal(0.1, spec.Lr);
        Assert.True(spec.RandomLabels);
        Assert.Equal([0.5, 0.75], spec.Milestones);
        Assert.Null(spec.PerClass);
        Assert.Equal("etf", spec.Head);
    }

    [Theory]
    [InlineData("no-such-key", "1", "unknown spec key")]
    [InlineData("epochs", "ten", "--epochs: 'ten' is not a whole number")]
    [InlineData("lr", "fast", "--lr: 'fast' is not a number")]
    [InlineData("batch_norm", "maybe", "--batch-norm: 'maybe' is not true or false")]
    [InlineData("widths", "", "--widths: '' is not a comma-separated list of whole numbers")]
    public void BadOverridesAreOneLineErrors(string key, string value, string message)
    {
        var e = Assert.Throws<InvalidInputException>(() =>
            TrainSpecJson.Override(new TrainSpec(), [new KeyValuePair<string, string>(key, value)]));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void UnknownKeyInAFileNamesTheFile()
    {
        var e = Assert.Throws<DataFileException>(() => TrainSpecJson.Parse("{\"epoch\": 3}", "spec.json"));
        Assert.Contains("spec.json", e.Message);
        Assert.Contains("epoch", e.Message);
    }

    [Fact]
    public void VersionsOfAWrittenRunAreIgnoredOnRead()
    {
        var spec = TrainSpecJson.Parse("{\"epochs\": 3, \"versions\": {\"lowdim\": \"0.1.0\"}}", "spec.json");
        Assert.Equal(3, spec.Epochs);
    }

    [Theory]
    [InlineData("model", "vgg", "--model must be mlp, cnn or resnet18, not 'vgg'")]
    [InlineData("epochs", "0", "--epochs must be at least 1")]
    [InlineData("lr", "-1", "--lr must be positive")]
    [InlineData("milestones", "0.5,2", "--milestones must be fractions")]
    [InlineData("measure_at", "1,200", "--measure-at names epoch 200 but the run has 100 epochs")]
    [InlineData("device", "tpu", "--device must be auto, cpu or cuda")]
    [InlineData("name", "a/b", "--name must be a non-empty file name")]
    public void ValidationNamesTheOption(string key, string value, string message)
    {
        var spec = TrainSpecJson.Override(new TrainSpec(), [new KeyValuePair<string, string>(key, value)]);
        var e = Assert.Throws<InvalidInputException>(spec.Validate);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void DefaultSpecIsValid() => new TrainSpec().Validate();
}
