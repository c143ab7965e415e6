namespace LowDim.Training;

/// <summary>The learning-rate schedule, as data. See <see cref="LearningRateSchedule.At"/>.</summary>
public sealed record ScheduleOptions
{
    /// <summary><c>constant</c>, <c>multistep</c> or <c>cosine</c>.</summary>
    public string Kind { get; init; } = "multistep";

    /// <summary>
    /// The multi-step milestones as fractions of the epochs, in (0, 1]; the default divides the rate by 10 after
    /// 1/3 and 2/3 of the epochs, as Papyan, Han &amp; Donoho 2020.
    /// </summary>
    public double[] Milestones { get; init; } = [1.0 / 3, 2.0 / 3];

    /// <summary>The factor applied at each milestone.</summary>
    public double Gamma { get; init; } = 0.1;
}
