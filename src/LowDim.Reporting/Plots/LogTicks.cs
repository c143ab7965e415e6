using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace LowDim.Reporting.Plots;

/// <summary>
/// Ticks for an axis whose coordinates are log10 of the values (ScottPlot has no log axis: the data are
/// plotted as log10 and the ticks are labelled with the values). Decades are labelled; over at most two and
/// a half decades 2× and 5× are labelled too; the other multiples are minor ticks.
/// </summary>
internal static class LogTicks
{
    /// <summary>The ticks over [<paramref name="min"/>, <paramref name="max"/>], in log10 units, for a <see cref="NumericManual"/>.</summary>
    public static Tick[] Create(double min, double max)
    {
        int first = (int)Math.Floor(min);
        int last = (int)Math.Ceiling(max);
        double decades = max - min;
        int[] labelled = decades <= 2.5 ? [1, 2, 5] : [1];
        int everyOther = decades > 8 ? 2 : 1;
        var ticks = new List<(double Position, double Value, bool Major)>();
        for (int k = first; k <= last; k++)
        {
            for (int m = 1; m <= 9; m++)
            {
                double position = k + Math.Log10(m);
                if (position < min - 1e-9 || position > max + 1e-9) continue;
                bool major = labelled.Contains(m) && (m != 1 || k % everyOther == 0);
                ticks.Add((position, m * Math.Pow(10, k), major));
            }
        }
        // A range inside one decade may hold no labelled multiple: then label them all.
        bool labelAll = ticks.Count(t => t.Major) < 2;
        return ticks.Select(t => t.Major || labelAll ? Tick.Major(t.Position, Label(t.Value)) : Tick.Minor(t.Position)).ToArray();
    }

    /// <summary>A tick label: plain decimals from 0.001 to 10⁵, else mantissa and exponent (2e-05 → "2e-5").</summary>
    public static string Label(double value)
    {
        if (value >= 1e-3 && value < 1e5) return value.ToString("G6", CultureInfo.InvariantCulture);
        int exponent = (int)Math.Floor(Math.Log10(value) + 1e-9);
        double mantissa = Math.Round(value / Math.Pow(10, exponent), 6);
        return string.Create(CultureInfo.InvariantCulture, $"{mantissa:G6}e{exponent}");
    }
}
