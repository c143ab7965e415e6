namespace LowDim.Training;

/// <summary>Learning-rate schedules as pure functions of the epoch, so a resumed run gets the same rates.</summary>
public static class LearningRateSchedule
{
    /// <summary>
    /// The learning rate of 1-based <paramref name="epoch"/> out of <paramref name="epochs"/> = E, for a base rate η:
    /// <list type="bullet">
    /// <item><c>constant</c>: η.</item>
    /// <item><c>multistep</c>: η·γ^m, m = the number of milestone epochs ⌊f·E⌋ (f in <see cref="ScheduleOptions.Milestones"/>)
    /// before <paramref name="epoch"/>; the rate drops from epoch ⌊f·E⌋ + 1 on, as PyTorch's MultiStepLR stepped after each epoch.</item>
    /// <item><c>cosine</c>: η·(1 + cos(π(epoch − 1)/E))/2, PyTorch's CosineAnnealingLR with T_max = E and η_min = 0 stepped
    /// after each epoch: η at epoch 1, η(1 + cos(π(E − 1)/E))/2 at epoch E.</item>
    /// </list>
    /// </summary>
    /// <exception cref="InvalidInputException">An unknown kind, E &lt; 1, an epoch outside 1..E, milestones outside (0, 1] or γ ≤ 0.</exception>
    public static double At(ScheduleOptions options, double baseRate, int epoch, int epochs)
    {
        if (epochs < 1) throw new InvalidInputException($"--epochs must be at least 1, got {epochs}");
        if (epoch < 1 || epoch > epochs) throw new InvalidInputException($"epoch {epoch} is outside 1..{epochs}");
        switch (options.Kind.Trim().ToLowerInvariant())
        {
            case "constant":
                return baseRate;
            case "multistep":
                if (!(options.Gamma > 0)) throw new InvalidInputException($"--gamma must be > 0, got {options.Gamma}");
                if (options.Milestones.Any(fraction => !(fraction > 0 && fraction <= 1)))
                    throw new InvalidInputException($"milestones must be fractions of the epochs in (0, 1], got [{string.Join(", ", options.Milestones)}]");
                int passed = options.Milestones.Count(fraction => MilestoneEpoch(fraction, epochs) < epoch);
                return baseRate * Math.Pow(options.Gamma, passed);
            case "cosine":
                return baseRate * (1 + Math.Cos(Math.PI * (epoch - 1) / epochs)) / 2;
            default:
                throw new InvalidInputException($"--schedule must be constant, multistep or cosine, not '{options.Kind}'");
        }
    }

    /// <summary>⌊f·E⌋, with a margin so that 1/3·6 is 2 despite rounding in f.</summary>
    private static int MilestoneEpoch(double fraction, int epochs) => (int)Math.Floor(fraction * epochs + 1e-9);
}
