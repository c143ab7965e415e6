using LowDim.Experiments;
using ScottPlot;

namespace LowDim.Reporting.Plots;

/// <summary>Loss and accuracy against epoch: history.csv's training curve and metrics.csv's measured points.</summary>
internal static class TrainingPlots
{
    /// <summary>loss.png (log y), or null when the run has no loss value at all.</summary>
    public static Figure? Loss(RunData run) => Create(run, "loss", "train_loss", h => h.TrainLoss, logY: true,
        "Loss per epoch: the training curve (history.csv: running mean over the epoch's batches, train mode) and the "
        + "loss measured on each split (metrics.csv, eval mode). Ideal: train loss → 0 in the terminal phase of training.");

    /// <summary>accuracy.png, or null when the run has no accuracy value at all.</summary>
    public static Figure? Accuracy(RunData run) => Create(run, "accuracy", "train_accuracy", h => h.TrainAccuracy, logY: false,
        "Accuracy per epoch: the training curve (history.csv, train mode) and the accuracy measured on each split "
        + "(metrics.csv, eval mode). Ideal: train accuracy → 1 (the terminal phase of training starts there).");

    private static Figure? Create(RunData run, string metric, string historyColumn, Func<HistoryRow, double> history,
        bool logY, string caption)
    {
        using var chart = new LineChart($"{run.Name}: {metric}", "epoch", metric, logX: false, logY);
        chart.Add($"{historyColumn} (history)", run.History.Select(h => ((double)h.Epoch, history(h))),
            SeriesStyle.Color(0), LinePattern.Solid);
        for (int i = 0; i < SeriesStyle.Splits.Count; i++)
        {
            string split = SeriesStyle.Splits[i];
            var points = run.Penultimate(split).Where(r => r[metric] is not null).Select(r => ((double)r.Epoch, r[metric]!.Value));
            chart.Add($"{metric} {split}", points, SeriesStyle.Color(i + 1), SeriesStyle.Pattern(split), SeriesStyle.Marker(split), lines: false);
        }
        return chart.HasPoints ? chart.Render($"{metric}.png", caption) : null;
    }
}
