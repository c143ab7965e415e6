using LowDim.Data;
using LowDim.Experiments;
using LowDim.Models;

namespace LowDim.Training;

public static partial class Trainer
{
    /// <summary>The data settings of a spec.</summary>
    public static DatasetOptions DataOptions(TrainSpec spec) => new()
    {
        DataDir = spec.DataDir,
        PerClass = spec.PerClass,
        RandomLabels = spec.RandomLabels,
        Normalize = spec.Normalize,
        Seed = spec.Seed,
        MixtureDimension = spec.MixtureDim,
        MixtureSeparation = spec.MixtureSeparation,
        MixtureClasses = spec.MixtureClasses,
        MixturePerClass = spec.MixturePerClass,
    };

    /// <summary>The model settings of a spec.</summary>
    public static ModelOptions ModelOptions(TrainSpec spec) => new()
    {
        Architecture = spec.Model,
        Widths = spec.Widths ?? TrainSpec.DefaultWidths(spec.Model),
        BatchNorm = spec.BatchNorm,
        FeatureDim = spec.FeatureDim,
        Head = spec.Head,
        HeadBias = spec.HeadBias,
    };

    /// <summary>The loss settings of a spec.</summary>
    public static LossOptions LossOptions(TrainSpec spec) => new()
    {
        Kind = spec.Loss,
        FocalGamma = spec.FocalGamma,
        Smoothing = spec.Smoothing,
        MseScale = spec.MseScale,
        MseTarget = spec.MseTarget,
    };

    /// <summary>The optimizer settings of a spec.</summary>
    public static OptimizerOptions OptimizerOptions(TrainSpec spec) => new()
    {
        Kind = spec.Optimizer,
        LearningRate = spec.Lr,
        Momentum = spec.Momentum,
        Nesterov = spec.Nesterov,
        WeightDecay = spec.WeightDecay,
        HeadWeightDecay = spec.HeadWeightDecay,
    };

    /// <summary>The learning-rate schedule of a spec.</summary>
    public static ScheduleOptions ScheduleOptions(TrainSpec spec) => new()
    {
        Kind = spec.Schedule,
        Milestones = spec.Milestones,
        Gamma = spec.Gamma,
    };
}
