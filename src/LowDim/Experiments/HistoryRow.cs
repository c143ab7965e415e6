namespace LowDim.Experiments;

/// <summary>One trained epoch: a row of a run's history.csv.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="LearningRate">The learning rate used in that epoch.</param>
/// <param name="TrainLoss">Mean of the batch losses over the epoch, in training mode.</param>
/// <param name="TrainAccuracy">Fraction of the epoch's samples the model got right when it saw them, in training mode.</param>
/// <param name="TrainSeconds">Wall-clock seconds of training in that epoch, without measurement.</param>
public sealed record HistoryRow(int Epoch, double LearningRate, double TrainLoss, double TrainAccuracy, double TrainSeconds);
