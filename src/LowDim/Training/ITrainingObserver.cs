using LowDim.Experiments;

namespace LowDim.Training;

/// <summary>
/// What a training run reports as it goes; the command line turns it into progress bars, tables or JSON
/// lines. Calls come on the training thread, between steps; every method does nothing unless overridden.
/// </summary>
public interface ITrainingObserver
{
    /// <summary>Data and model are ready; training starts (or resumes) at <see cref="TrainingStart.FirstEpoch"/>.</summary>
    void Started(TrainingStart start)
    {
    }

    /// <summary>Progress within an epoch: <paramref name="batch"/> of <paramref name="batches"/> done, with running means.</summary>
    void Batch(int epoch, int batch, int batches, double loss, double accuracy)
    {
    }

    /// <summary>An epoch's training is done.</summary>
    void EpochTrained(HistoryRow row)
    {
    }

    /// <summary>Measuring one split at an epoch begins.</summary>
    void Measuring(int epoch, string split)
    {
    }

    /// <summary>One split measured at an epoch: its layer rows in depth order, the penultimate row last.</summary>
    void Measured(int epoch, string split, IReadOnlyList<MeasurementRow> rows)
    {
    }
}
