namespace LowDim.Reporting;

/// <summary>One row of a run's history.csv: one trained epoch, as running means over its batches in train mode.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Lr">The learning rate used in that epoch.</param>
/// <param name="TrainLoss">Running mean of the training loss over the epoch's batches.</param>
/// <param name="TrainAccuracy">Running mean of the training accuracy (a fraction) over the epoch's batches.</param>
/// <param name="TrainSeconds">The time that epoch's training took, in seconds.</param>
public sealed record HistoryRow(int Epoch, double? Lr, double? TrainLoss, double? TrainAccuracy, double? TrainSeconds);
