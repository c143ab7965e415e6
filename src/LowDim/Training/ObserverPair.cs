using LowDim.Experiments;

namespace LowDim.Training;

/// <summary>Tells two observers everything, the first one first.</summary>
internal sealed class ObserverPair(ITrainingObserver first, ITrainingObserver second) : ITrainingObserver
{
    public void Started(TrainingStart start)
    {
        first.Started(start);
        second.Started(start);
    }

    public void Batch(int epoch, int batch, int batches, double loss, double accuracy)
    {
        first.Batch(epoch, batch, batches, loss, accuracy);
        second.Batch(epoch, batch, batches, loss, accuracy);
    }

    public void EpochTrained(HistoryRow row)
    {
        first.EpochTrained(row);
        second.EpochTrained(row);
    }

    public void Measuring(int epoch, string split)
    {
        first.Measuring(epoch, split);
        second.Measuring(epoch, split);
    }

    public void Measured(int epoch, string split, IReadOnlyList<MeasurementRow> rows)
    {
        first.Measured(epoch, split, rows);
        second.Measured(epoch, split, rows);
    }
}
