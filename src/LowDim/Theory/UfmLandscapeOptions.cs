namespace LowDim.Theory;

/// <summary>How <see cref="UfmLandscape.Explore"/> probes the landscape of a UFM.</summary>
public sealed record UfmLandscapeOptions
{
    /// <summary>The number of random starts (Zhu et al.'s experiments and the default here: 20).</summary>
    public int Seeds { get; init; } = 20;

    /// <summary>The seed of the first start; the others follow it (FirstSeed, FirstSeed + 1, …).</summary>
    public long FirstSeed { get; init; }

    /// <summary>
    /// How each start is solved; its <see cref="UfmSolveOptions.Seed"/> is replaced by each start's seed. Only the
    /// first start keeps its trace unless <see cref="TraceEverySeed"/> is set.
    /// </summary>
    public UfmSolveOptions Solve { get; init; } = new();

    /// <summary>Whether every start keeps its trace of NC metrics (costs a measurement at log-spaced iterations).</summary>
    public bool TraceEverySeed { get; init; }

    /// <summary>Starts whose objectives agree to this relative difference count as one value.</summary>
    public double RelativeTolerance { get; init; } = 1e-8;

    /// <summary>Checks every field.</summary>
    /// <exception cref="InvalidInputException">The first field out of range, in one line.</exception>
    public void Validate()
    {
        if (Seeds < 1) throw new InvalidInputException($"--seeds must be at least 1, got {Seeds}");
        if (!(RelativeTolerance >= 0)) throw new InvalidInputException($"the landscape tolerance must be ≥ 0, got {RelativeTolerance}");
    }
}
