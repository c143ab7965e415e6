using System.Globalization;
using ScottPlot;

namespace LowDim.Reporting.Plots;

/// <summary>
/// How UFM plots draw several solves: the first (the one the report's summary describes) in full colour with its
/// legend entries, the others in the same colours faded, under one legend entry; iteration 0 at x = 1.
/// </summary>
internal static class SolveStyle
{
    /// <summary>The x axis of every plot against iteration.</summary>
    public const string IterationAxis = "iteration + 1 (log scale)";

    /// <summary>The caption's sentence on that axis.</summary>
    public const string IterationNote = "The x axis is iteration + 1 on a log scale, so that the start point (iteration 0) is drawn at 1.";

    /// <summary>The colour of <paramref name="solve"/>'s line for the <paramref name="index"/>-th quantity.</summary>
    public static Color Color(int solve, int index) =>
        solve == 0 ? SeriesStyle.Color(index) : SeriesStyle.Color(index).WithAlpha(0.3);

    /// <summary>
    /// The legend of <paramref name="solve"/>'s line for the <paramref name="index"/>-th quantity: the quantity's
    /// name for the first solve, "other solves" once for the others, else none.
    /// </summary>
    public static string? Legend(int solve, int index, string name) =>
        solve == 0 ? name : solve == 1 && index == 0 ? "other solves" : null;

    /// <summary>The line under a plot's title when there are several solves, else null.</summary>
    public static string? Note(IReadOnlyList<UfmReportSeries> series) => series.Count < 2 ? null
        : string.Create(CultureInfo.InvariantCulture, $"full colour: {series[0].Label}; faded: the other {series.Count - 1} solve{(series.Count == 2 ? "" : "s")}");

    /// <summary>(iteration + 1, value moved above the floor) for each measured iteration.</summary>
    public static List<(double X, double Y)> Points(int[] iterations, double[] values, LogFloor floor) =>
        iterations.Select((iteration, i) => (iteration + 1.0, floor.Apply(values[i]))).ToList();
}
