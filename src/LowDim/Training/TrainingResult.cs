using LowDim.Experiments;

namespace LowDim.Training;

/// <summary>How a run ended.</summary>
/// <param name="RunPath">The run folder.</param>
/// <param name="Epochs">The last epoch trained.</param>
/// <param name="History">Every trained epoch, as in history.csv.</param>
/// <param name="Metrics">Every measurement, as in metrics.csv.</param>
public sealed record TrainingResult(string RunPath, int Epochs, IReadOnlyList<HistoryRow> History, IReadOnlyList<MeasurementRow> Metrics);
