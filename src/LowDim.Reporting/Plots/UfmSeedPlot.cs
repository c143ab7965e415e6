using System.Globalization;
using ScottPlot;

namespace LowDim.Reporting.Plots;

/// <summary>
/// ufm-seeds.png: how far each seed's final objective is above the best seed's, relative to it, on a log y axis
/// (the landscape check: from every start point a solver that finds the global optimum ends at the same value).
/// </summary>
internal static class UfmSeedPlot
{
    /// <summary>The file's name.</summary>
    public const string FileName = "ufm-seeds.png";

    /// <summary>The plot, or null unless at least two seeds ended at a finite objective.</summary>
    public static Figure? Create(string title, IReadOnlyList<double> objectives)
    {
        var finite = objectives.Where(double.IsFinite).ToList();
        if (finite.Count < 2) return null;
        double best = finite.Min();
        bool relative = best != 0;
        double scale = relative ? Math.Abs(best) : 1;
        var deviations = objectives.Select(f => (f - best) / scale).ToList();
        var floor = LogFloor.For(deviations);
        string quantity = relative ? "(f − f_best)/|f_best|" : "f − f_best";

        using var chart = new LineChart($"{title}: final objective of {objectives.Count} seeds", "seed (in the order solved)", quantity,
            logX: false, logY: true);
        chart.Add(quantity, deviations.Select((d, i) => (i + 1.0, floor.Apply(d))).ToList(), SeriesStyle.Color(0), LinePattern.Solid, lines: false);
        floor.Draw(chart);
        chart.XIndices(objectives.Count);
        return chart.Render(FileName, string.Create(CultureInfo.InvariantCulture,
            $"The final objective of each seed minus the best one, f_best = {best:G10}{(relative ? ", relative to |f_best|" : "")}. ")
            + "Seeds on the floor line ended at the best value; a seed far above it stopped elsewhere (a spurious minimum, a saddle, "
            + "or not yet converged). A deviation near the rounding of the dtype (about 1e-16 in float64, 1e-7 in float32) is no difference."
            + floor.Note());
    }
}
