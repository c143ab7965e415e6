using LowDim.Experiments;
using TorchSharp;

namespace LowDim.Training;

/// <summary>
/// Writes a run's numbers as TensorBoard scalars (<c>tensorboard --logdir RUN/tensorboard</c>), with the epoch
/// as the step: <c>history/lr</c>, <c>history/train_loss</c>, <c>history/train_accuracy</c> every epoch, and
/// <c>SPLIT/LAYER/COLUMN</c> (for example <c>train/penultimate/nc1</c>) for every value measured.
/// </summary>
internal sealed class TensorBoardLog(string folder) : ITrainingObserver
{
    private readonly TorchSharp.Modules.SummaryWriter _writer = torch.utils.tensorboard.SummaryWriter(folder);

    public void EpochTrained(HistoryRow row)
    {
        _writer.add_scalar("history/lr", (float)row.LearningRate, row.Epoch);
        _writer.add_scalar("history/train_loss", (float)row.TrainLoss, row.Epoch);
        _writer.add_scalar("history/train_accuracy", (float)row.TrainAccuracy, row.Epoch);
    }

    public void Measured(int epoch, string split, IReadOnlyList<MeasurementRow> rows)
    {
        foreach (var row in rows)
            foreach (var (column, value) in row.Values)
                _writer.add_scalar($"{split}/{row.Layer}/{column}", (float)value, epoch);
    }
}
