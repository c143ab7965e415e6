using LowDim.Experiments;
using LowDim.Tests.Data;
using LowDim.Training;
using TorchSharp;

namespace LowDim.Tests.Training;

public class TrainerTests
{
    /// <summary>A run that trains in well under a second: 3 Gaussian classes in 8 dimensions, a small MLP.</summary>
    internal static TrainSpec Tiny(string outDir) => new()
    {
        Name = "tiny",
        Dataset = "gaussian-mixture",
        MixtureDim = 8,
        MixtureClasses = 3,
        MixturePerClass = 20,
        PerClass = null,
        Widths = [16, 16],
        Epochs = 4,
        BatchSize = 16,
        Lr = 0.05,
        MeasureAt = "every",
        Device = "cpu",
        Out = outDir,
    };

    private static readonly HashSet<string> Timings = ["train_seconds", "measure_seconds"];

    /// <summary>Every value but the timings, keyed by (epoch, split, layer, column).</summary>
    internal static Dictionary<string, double> Results(IEnumerable<MeasurementRow> rows) =>
        rows.SelectMany(r => r.Values.Where(v => !Timings.Contains(v.Key)).Select(v => ($"{r.Epoch}/{r.Split}/{r.Layer}/{v.Key}", v.Value)))
            .ToDictionary(p => p.Item1, p => p.Value);

    [Fact]
    public void ARunWritesItsFilesAndMeasuresEveryLayer()
    {
        using var folder = new TempFolder();
        var run = RunFolder.Create(Tiny(folder.Path), DateTime.UtcNow);
        var result = Trainer.Train(run);

        Assert.Equal(4, result.Epochs);
        Assert.Equal(4, HistoryCsv.Read(run.HistoryFile).Count);
        var rows = MetricsCsv.Read(run.MetricsFile);
        // Two hidden layers: fc1, then fc2 = the penultimate features, so two rows per (epoch, split).
        Assert.Equal(4 * 2 * 2, rows.Count);
        var last = rows.Where(r => r.Epoch == 4 && r.Split == "test").ToList();
        Assert.Equal(["fc1", MeasurementRow.Penultimate], last.Select(r => r.Layer));
        Assert.NotNull(last[1]["nc4"]);
        Assert.NotNull(last[1]["loss"]);
        Assert.NotNull(last[0]["nc1"]);
        Assert.Null(last[0]["nc4"]);
        Assert.Equal(4, Checkpoints.LatestEpoch(run.CheckpointFolder));
        Assert.True(File.Exists(run.GeometryFile));
        Assert.Contains("\"mean_gram\"", File.ReadAllText(run.GeometryFile));
        Assert.Contains("\"versions\"", File.ReadAllText(run.SpecFile));
    }

    [Fact]
    public void TheSameSpecGivesBitIdenticalMetrics()
    {
        using var folder = new TempFolder();
        var first = Trainer.Train(RunFolder.Create(Tiny(folder.Path), DateTime.UtcNow));
        var second = Trainer.Train(RunFolder.Create(Tiny(folder.Path), DateTime.UtcNow));
        Assert.NotEqual(first.RunPath, second.RunPath);
        Assert.Equal(Results(first.Metrics), Results(second.Metrics));
    }

    [Fact]
    public void AResumedRunEndsExactlyAsAnUninterruptedOne()
    {
        using var folder = new TempFolder();
        var whole = Trainer.Train(RunFolder.Create(Tiny(folder.Path), DateTime.UtcNow));

        var run = RunFolder.Create(Tiny(folder.Path), DateTime.UtcNow);
        using var stop = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => Trainer.Train(run, new StopAt(epoch: 3, stop), stop.Token));
        Assert.Equal(2, Checkpoints.LatestEpoch(run.CheckpointFolder));

        var resumed = Trainer.Train(RunFolder.Open(run.Path));
        Assert.Equal(4, resumed.Epochs);
        Assert.Equal(Results(whole.Metrics), Results(MetricsCsv.Read(run.MetricsFile)));
        Assert.Equal(4, HistoryCsv.Read(run.HistoryFile).Count);
    }

    [Fact]
    public void ADivergingRunStopsAndKeepsItsLastGoodCheckpoint()
    {
        using var folder = new TempFolder();
        var run = RunFolder.Create(Tiny(folder.Path) with { Lr = 1e25, BatchNorm = false, Momentum = 0 }, DateTime.UtcNow);
        var e = Assert.Throws<TrainingDivergedException>(() => Trainer.Train(run));
        Assert.Contains("try a smaller --lr", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        int kept = Checkpoints.LatestEpoch(run.CheckpointFolder) ?? 0;
        Assert.Contains(kept == 0 ? "no checkpoint" : $"epoch {kept}", e.Message);
        var rows = File.Exists(run.MetricsFile) ? MetricsCsv.Read(run.MetricsFile) : [];
        Assert.All(rows, r => Assert.True(r.Epoch <= kept));
    }

    [Fact]
    public void TrainingHoldsNoMoreTensorsFromOneEpochToTheNext()
    {
        using var folder = new TempFolder();
        var counter = new LiveTensors();
        Trainer.Train(RunFolder.Create(Tiny(folder.Path) with { Epochs = 5 }, DateTime.UtcNow), counter);
        // After the first epoch every buffer exists (momentum included); from then on nothing may pile up.
        Assert.Equal(counter.AfterEpoch[1], counter.AfterEpoch[^1]);
    }

    [Fact]
    public void TensorBoardEventsAreWrittenWhenAsked()
    {
        using var folder = new TempFolder();
        var run = RunFolder.Create(Tiny(folder.Path) with { Epochs = 2, Tensorboard = true }, DateTime.UtcNow);
        Trainer.Train(run);
        var events = Directory.GetFiles(run.TensorBoardFolder, "events.out.tfevents.*", SearchOption.AllDirectories);
        Assert.NotEmpty(events);
        Assert.True(new FileInfo(events[0]).Length > 1000, "the event file holds the scalars of two epochs");
        string text = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(events[0]));
        Assert.Contains("train/penultimate/nc1", text);
        Assert.Contains("history/train_loss", text);
    }

    private sealed class StopAt(int epoch, CancellationTokenSource stop) : ITrainingObserver
    {
        public void Batch(int e, int batch, int batches, double loss, double accuracy)
        {
            if (e == epoch) stop.Cancel();
        }
    }

    private sealed class LiveTensors : ITrainingObserver
    {
        public List<long> AfterEpoch { get; } = [];

        public void Measured(int epoch, string split, IReadOnlyList<MeasurementRow> rows)
        {
            if (split == "test") AfterEpoch.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        }
    }
}
