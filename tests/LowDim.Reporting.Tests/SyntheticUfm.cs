namespace LowDim.Reporting.Tests;

/// <summary>
/// Report data of a made-up UFM solve: three seeds measured at iterations 0, 1, 2, 4, …, 512, metrics that decay
/// geometrically to about 1e-15, a 4-class Gram matrix near the simplex ETF, and a two-layer spectrum of rank 3.
/// </summary>
internal static class SyntheticUfm
{
    public static readonly int[] Iterations = [0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512];

    public static readonly string[] Metrics = ["nc1", "nc1_cdnv", "nc2_equinorm", "nc2_etf", "nc2_etf_w", "nc3", "nc3_zhu", "nc4", "nc1_quotient"];

    public static UfmReportData Data(int seeds = 3) => new()
    {
        Title = "UFM <ce> & friends",
        Problem = "ce, K = 4, d = 8, n = 5, λ_W = 5e-4, λ_H = 5e-4, λ_b = 5e-4",
        Summary =
        [
            ("objective", "0.1234567891"),
            ("predicted objective", "0.1234567890"),
            ("gradient norm", "3.2e-11"),
            ("nc1", "4.5e-15"),
            ("global optimum", "yes"),
            ("landscape", "no spurious minimum in 3 seeds"),
        ],
        Series = Enumerable.Range(0, seeds).Select(Series).ToList(),
        WeightGram = new double[,] { { 3, -1, -1, -1.01 }, { -1, 3, -1, -1 }, { -1, -1, 3.02, -1 }, { -1.01, -1, -1, 3 } },
        Layers =
        [
            new("H_1", [2.0, 1.9, 1.8, 1e-15, 0]),
            new("W_1", [1.5, 1.5, 1.4, 3e-16]),
            new("W_2⋯W_1", [2.2, 2.1, 2.0, 1e-16]),
        ],
        SeedObjectives = Enumerable.Range(0, seeds).Select(seed => 0.1234567891 * (1 + seed * 1e-9)).ToList(),
    };

    public static UfmReportSeries Series(int seed)
    {
        double rate = 0.9 + 0.02 * seed;
        double[] Decay(double start) => Iterations.Select(i => start * Math.Pow(rate, i / 1.6)).ToArray();
        return new UfmReportSeries(
            $"seed {seed}",
            Iterations,
            Iterations.Select(i => 0.1234567891 * (1 + seed * 1e-9) + Math.Pow(rate, i / 1.6)).ToArray(),
            Decay(2.0),
            Metrics.Select((name, m) => (name, Decay(1.0 / (m + 1)))).ToDictionary(p => p.name, p => p.Item2));
    }
}
