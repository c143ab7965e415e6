using System.Text.Json;
using LowDim.Experiments;
using LowDim.Tests.Data;

namespace LowDim.Reporting.Tests;

public class RunDataTests
{
    [Fact]
    public void ReadsEveryFileOfTheContract()
    {
        using var temp = new TempFolder();
        var run = RunData.Load(SyntheticRun.Write(temp.File("run")));

        Assert.Equal("synthetic", run.Name);
        Assert.Equal(["dataset", "model", "widths", "feature_dim", "head", "loss", "epochs", "lr", "name", "note", "versions"], run.Spec.Keys);
        Assert.Equal("mlp", run.SpecText("model"));
        Assert.Equal("[8, 8]", run.SpecText("widths"));
        Assert.Equal("null", run.SpecText("feature_dim"));
        Assert.Equal(JsonValueKind.Object, run.Spec["versions"].ValueKind);
        Assert.Null(run.SpecText("absent"));

        Assert.Equal(SyntheticRun.Epochs.Length * 2 * 2, run.Metrics.Count);
        Assert.Equal(4, run.LastEpoch);
        Assert.Equal(["fc1", "penultimate"], run.Layers(2, "test").Select(r => r.Layer));
        Assert.Equal(SyntheticRun.Epochs, run.Penultimate("train").Select(r => r.Epoch));
        var penultimate = run.Penultimate("test")[1];
        Assert.Equal(2 * 1.0 / 2, penultimate["nc1"]);
        Assert.Equal(0.25, penultimate["measure_seconds"]);

        Assert.Equal(4, run.History.Count);
        Assert.Equal(new HistoryRow(2, 0.05, 0.25, 0.95, 1.5), run.History[1]);

        Assert.NotNull(run.Geometry);
        Assert.Equal((4, "train", 3), (run.Geometry.Epoch, run.Geometry.Split, run.Geometry.Classes));
        Assert.Equal(-1.1, run.Geometry.MeanGram![1, 2]);
        Assert.Equal(-0.5, run.Geometry.WeightGram![2, 0]);
    }

    [Fact]
    public void EmptyCellsAreMissingValues()
    {
        using var temp = new TempFolder();
        var run = RunData.Load(SyntheticRun.Write(temp.File("run")));
        var fc1 = run.Layers(1, "train")[0];
        Assert.False(fc1.IsPenultimate);
        Assert.Null(fc1["loss"]);
        Assert.Null(fc1["nc2_etf"]);
        Assert.Equal(4.0, fc1["nc1"]);
        Assert.Equal(["nc1", "nc1_quotient"], fc1.Values.Keys.Order());
        Assert.Null(run.Penultimate("train")[0]["nc3_zhu"]);
        Assert.Null(run.Penultimate("train")[0]["no_such_column"]);
    }

    [Fact]
    public void OnlyMetricsCsvIsRequired()
    {
        using var temp = new TempFolder();
        temp.Write("metrics.csv", SyntheticRun.MetricsHeader + "\n");
        var run = RunData.Load(temp.Path);
        Assert.Empty(run.Metrics);
        Assert.Empty(run.Spec);
        Assert.Empty(run.History);
        Assert.Null(run.Geometry);
        Assert.Null(run.LastEpoch);
        Assert.Equal(Path.GetFileName(temp.Path), run.Name);
    }

    [Fact]
    public void AFolderWithoutMetricsIsNotARun()
    {
        using var temp = new TempFolder();
        var e = Assert.Throws<DataFileException>(() => RunData.Load(temp.Path));
        Assert.Equal($"{temp.Path}: not a run folder (it has no metrics.csv)", e.Message);
        e = Assert.Throws<DataFileException>(() => RunData.Load(temp.File("missing")));
        Assert.EndsWith("missing: folder not found", e.Message);
    }

    [Fact]
    public void AMalformedMetricsFileNamesTheFileAndLine()
    {
        // The parsing itself is MetricsCsv's and is tested with it; a run folder passes its errors on.
        using var temp = new TempFolder();
        string path = temp.Write("metrics.csv", "epoch,split,layer,loss\n1,train,penultimate,0.5\n2,train,penultimate,abc\n");
        var e = Assert.Throws<DataFileException>(() => RunData.Load(temp.Path));
        Assert.Equal(path, e.Path);
        Assert.Equal("line 3, column 'loss' (4): 'abc' is not a number", e.Problem);
    }

    [Fact]
    public void AMalformedHistoryNamesTheLine()
    {
        using var temp = new TempFolder();
        SyntheticRun.Write(temp.Path);
        string path = temp.Write("history.csv", "epoch,lr,train_loss,train_accuracy,train_seconds\n1,0.1,0.5,0.9,1\n2,0.1,x,0.9,1\n");
        var e = Assert.Throws<DataFileException>(() => RunData.Load(temp.Path));
        Assert.Equal($"{path}: line 3, column 'train_loss' (3): 'x' is not a number", e.Message);
    }

    [Theory]
    [InlineData("{\"name\": \"a\",\n \"epochs\": }", "line 2: not valid JSON")]
    [InlineData("[1, 2]", "expected a JSON object, found an array")]
    public void AMalformedSpecNamesTheProblem(string text, string problem)
    {
        using var temp = new TempFolder();
        SyntheticRun.Write(temp.Path);
        temp.Write("spec.json", text);
        var e = Assert.Throws<DataFileException>(() => RunData.Load(temp.Path));
        Assert.Equal(temp.File("spec.json"), e.Path);
        Assert.StartsWith(problem, e.Problem);
    }

    [Fact]
    public void AGramOfTheWrongShapeIsNamed()
    {
        using var temp = new TempFolder();
        SyntheticRun.Write(temp.Path);
        temp.Write("geometry.json", """{"epoch": 4, "split": "train", "classes": 3, "mean_gram": [[1, 0], [0, 1]]}""");
        var e = Assert.Throws<DataFileException>(() => RunData.Load(temp.Path));
        Assert.Equal("'mean_gram' must be a 3×3 array of numbers (classes = 3)", e.Problem);
    }
}
