namespace LowDim.Training;

/// <summary>What a run trains, as it starts.</summary>
/// <param name="RunPath">The run folder.</param>
/// <param name="FirstEpoch">The first epoch this process trains: 1, or the one after the checkpoint it resumed from.</param>
/// <param name="Epochs">The run's last epoch.</param>
/// <param name="BatchesPerEpoch">Optimizer steps per epoch.</param>
/// <param name="TrainSamples">Samples in the training split.</param>
/// <param name="TestSamples">Samples in the test split.</param>
/// <param name="Classes">K.</param>
/// <param name="FeatureDim">d, the dimension of the penultimate features.</param>
/// <param name="Parameters">Trainable parameters.</param>
/// <param name="HeadParameters">Parameters of the classifier head, trained or not.</param>
/// <param name="HeadTrained">Whether the head is trained (false for a fixed simplex ETF).</param>
/// <param name="Layers">The layers measured, in depth order (the last is the penultimate features).</param>
/// <param name="MeasureEpochs">The epochs that will be measured.</param>
/// <param name="Device">The device it computes on.</param>
/// <param name="Threads">CPU threads of the tensor runtime.</param>
public sealed record TrainingStart(
    string RunPath, int FirstEpoch, int Epochs, int BatchesPerEpoch, long TrainSamples, long TestSamples, int Classes,
    int FeatureDim, long Parameters, long HeadParameters, bool HeadTrained, IReadOnlyList<string> Layers, IReadOnlyList<int> MeasureEpochs,
    string Device, int Threads);
