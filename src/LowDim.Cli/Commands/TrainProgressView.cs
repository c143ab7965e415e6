using System.Globalization;
using LowDim.Experiments;
using LowDim.Measurement;
using LowDim.Training;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace LowDim.Cli.Commands;

/// <summary>
/// What <c>lowdim train</c> shows a person: a progress bar over the whole run (epoch, step, running loss
/// and accuracy, time left) and, at each measured epoch, a table of the NC metrics on both splits. Without
/// a terminal it prints a line per epoch instead of the bar.
/// </summary>
internal sealed class TrainProgressView(IAnsiConsole console) : ITrainingObserver
{
    private readonly bool _live = console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi;
    private ProgressContext? _context;
    private ProgressTask? _task;
    private TrainingStart? _start;
    private IReadOnlyList<MeasurementRow>? _trainRows;

    /// <summary>Runs <paramref name="train"/> with this view as its observer, inside a live progress display on a terminal.</summary>
    public TrainingResult Run(Func<ITrainingObserver, TrainingResult> train)
    {
        if (!_live) return train(this);
        TrainingResult? result = null;
        console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                     new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                _context = context;
                result = train(this);
                if (_task is null) return;
                _task.Description = $"trained {result.Epochs} epochs";
                _task.Value = _task.MaxValue;
            });
        return result!;
    }

    public void Started(TrainingStart start)
    {
        _start = start;
        console.MarkupLine($"[bold]run[/] {Markup.Escape(start.RunPath)}");
        console.MarkupLine(
            $"train {start.TrainSamples:N0} / test {start.TestSamples:N0} samples, K = {start.Classes}, d = {start.FeatureDim}, " +
            $"{start.Parameters:N0} trained parameters (head: {start.HeadParameters:N0}, {(start.HeadTrained ? "trained" : "fixed")}), {start.BatchesPerEpoch} steps per epoch, " +
            $"{start.Device}, {start.Threads} threads");
        console.MarkupLine($"measuring at {start.MeasureEpochs.Count} epochs: {Markup.Escape(Epochs(start.MeasureEpochs))}");
        if (start.FirstEpoch > 1) console.MarkupLine($"[yellow]resuming[/] at epoch {start.FirstEpoch} of {start.Epochs}");
        if (_context is not null)
        {
            int remaining = start.Epochs - start.FirstEpoch + 1;
            _task = _context.AddTask("starting", maxValue: Math.Max(1, (double)remaining * start.BatchesPerEpoch));
        }
    }

    public void Batch(int epoch, int batch, int batches, double loss, double accuracy)
    {
        if (_task is null || _start is null) return;
        _task.Description = string.Create(CultureInfo.InvariantCulture,
            $"epoch {epoch}/{_start.Epochs}  step {batch}/{batches}  loss {loss:0.0000}  acc {accuracy:0.0000}");
        _task.Value = (double)(epoch - _start.FirstEpoch) * batches + batch;
    }

    public void EpochTrained(HistoryRow row)
    {
        if (_task is not null) return;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch {row.Epoch}/{_start?.Epochs}  loss {row.TrainLoss:0.0000}  acc {row.TrainAccuracy:0.0000}  lr {row.LearningRate:0.#####}  {row.TrainSeconds:0.0} s"));
    }

    public void Measuring(int epoch, string split)
    {
        if (_task is not null) _task.Description = $"epoch {epoch}: measuring the {split} split";
    }

    public void Measured(int epoch, string split, IReadOnlyList<MeasurementRow> rows)
    {
        if (split == MeasurementRow.Train)
        {
            _trainRows = rows;
            return;
        }
        var train = _trainRows ?? [];
        _trainRows = null;
        var trainLast = train.LastOrDefault();
        var testLast = rows[^1];
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"epoch {epoch}: neural collapse of the penultimate features")
            .AddColumn("metric").AddColumn(new TableColumn("train").RightAligned()).AddColumn(new TableColumn("test").RightAligned())
            .AddColumn("what it is");
        foreach (string column in (string[])["loss", .. MetricNames.All])
        {
            if (trainLast?[column] is null && testLast[column] is null) continue;
            string meaning = MeasureOutput.Meaning.TryGetValue(column, out var m) ? m : "eval-mode loss";
            table.AddRow(column, Cell(trainLast?[column]), Cell(testLast[column]), Markup.Escape(meaning));
        }
        var lines = new List<IRenderable> { table };
        if (train.Count > 1)
        {
            var layers = train.Take(train.Count - 1).Select(r => $"{r.Layer} {Cell(r[MetricNames.Nc1])}");
            lines.Add(new Markup($"[grey]nc1 by layer (train): {Markup.Escape(string.Join(", ", layers))}, penultimate {Cell(trainLast?[MetricNames.Nc1])}[/]"));
        }
        lines.Add(new Markup(string.Create(CultureInfo.InvariantCulture,
            $"[grey]epoch {epoch}: trained in {testLast["train_seconds"]:0.00} s, measured in {(trainLast?["measure_seconds"] ?? 0) + (testLast["measure_seconds"] ?? 0):0.00} s[/]")));
        if (_task is null)
        {
            console.Write(new Rows(lines));
            return;
        }
        // Padded to the full width: written above the live progress bar, a shorter line would leave part of the bar behind.
        var block = new Grid().Expand().AddColumn();
        block.AddRow(new Rows(lines));
        console.Write(block);
    }

    private static string Cell(double? value) => value is double v ? MeasureOutput.Format(v) : "";

    private static string Epochs(IReadOnlyList<int> epochs) =>
        epochs.Count <= 12
            ? string.Join(", ", epochs)
            : $"{string.Join(", ", epochs.Take(8))}, ..., {string.Join(", ", epochs.TakeLast(3))}";
}
