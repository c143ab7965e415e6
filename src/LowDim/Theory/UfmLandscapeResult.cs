using System.Globalization;

namespace LowDim.Theory;

/// <summary>What many random starts of a UFM reached.</summary>
/// <param name="SeedObjectives">The final objective of each start, in seed order.</param>
/// <param name="SeedGradientNorms">The final gradient norm of each start.</param>
/// <param name="RelativeTolerance">The tolerance the objectives were compared with.</param>
public sealed record UfmLandscapeResult(IReadOnlyList<double> SeedObjectives, IReadOnlyList<double> SeedGradientNorms, double RelativeTolerance)
{
    /// <summary>The measured iterations of each start, in seed order (empty for starts solved without a trace).</summary>
    public IReadOnlyList<IReadOnlyList<UfmTraceRow>> SeedTraces { get; init; } = [];

    /// <summary>The lowest objective reached.</summary>
    public double Best => SeedObjectives.Min();

    /// <summary>The largest relative excess over the best, max_s (f_s − f_best)/|f_best|.</summary>
    public double Spread => SeedObjectives.Max(f => RelativeExcess(f, Best));

    /// <summary>Whether every start reached the same value within <see cref="RelativeTolerance"/>.</summary>
    public bool SameObjective => Spread <= RelativeTolerance;

    /// <summary>The number of starts that ended above the best value by more than the tolerance.</summary>
    public int Higher => SeedObjectives.Count(f => RelativeExcess(f, Best) > RelativeTolerance);

    /// <summary>The verdict in one line.</summary>
    public string Verdict => SeedObjectives.Count == 1
        ? string.Create(CultureInfo.InvariantCulture, $"one start, f = {Best:G12}: more starts (--seeds) test for spurious minima")
        : SameObjective
        ? string.Create(CultureInfo.InvariantCulture, $"all {SeedObjectives.Count} starts reach f = {Best:G12} (spread {Spread:G2} ≤ {RelativeTolerance:G2}): no spurious local minimum found")
        : string.Create(CultureInfo.InvariantCulture, $"{Higher} of {SeedObjectives.Count} starts end above the best f = {Best:G12} (spread {Spread:G2} > {RelativeTolerance:G2}): a spurious minimum, a saddle the solver stopped near, or too loose a tolerance");

    private static double RelativeExcess(double value, double best) => (value - best) / Math.Max(Math.Abs(best), double.Epsilon);
}
