using System.Globalization;

namespace LowDim.Reporting.Plots;

/// <summary>
/// Where a log-axis plot draws the values it cannot show: zero, negative, or below <see cref="Smallest"/>
/// (float64 solvers drive metrics to 1e-15 and below, and exactly to 0 at times). Such a value is drawn at the
/// floor 10^(⌊log10 s⌋ − 1), s the smallest value shown (≥ <see cref="Smallest"/>), rather than dropped,
/// so that a curve that reaches 0 visibly ends at the bottom; the caption says how many were moved.
/// NaN and infinite values are left as they are (the chart leaves them out and counts them).
/// </summary>
internal sealed class LogFloor
{
    /// <summary>The smallest value drawn as it is.</summary>
    public const double Smallest = 1e-30;

    private readonly bool _noneShown;

    private LogFloor(double value, bool noneShown)
    {
        Value = value;
        _noneShown = noneShown;
    }

    /// <summary>The value drawn in place of those a log axis cannot show.</summary>
    public double Value { get; }

    /// <summary>How many values <see cref="Apply"/> has moved to the floor.</summary>
    public int Moved { get; private set; }

    /// <summary>The floor for <paramref name="values"/>; <see cref="Smallest"/> when none of them can be shown.</summary>
    public static LogFloor For(IEnumerable<double> values)
    {
        double smallest = values.Where(v => double.IsFinite(v) && v >= Smallest).DefaultIfEmpty(double.NaN).Min();
        return double.IsNaN(smallest) ? new LogFloor(Smallest, noneShown: true) : new LogFloor(Math.Pow(10, Math.Floor(Math.Log10(smallest)) - 1), noneShown: false);
    }

    /// <summary><paramref name="value"/>, or the floor when it is finite and below <see cref="Smallest"/>.</summary>
    public double Apply(double value)
    {
        if (!double.IsFinite(value) || value >= Smallest) return value;
        Moved++;
        return Value;
    }

    /// <summary>Draws the floor on <paramref name="chart"/> when a value was moved there.</summary>
    public void Draw(LineChart chart)
    {
        if (Moved > 0) chart.HorizontalLine(Value, "floor (values ≤ 0)");
    }

    /// <summary>A sentence on the values moved, after a space; empty when none was.</summary>
    public string Note()
    {
        if (Moved == 0) return "";
        string where = _noneShown ? " (no value is above it)" : ", the decade below the smallest value shown";
        return string.Create(CultureInfo.InvariantCulture,
            $" {Moved} value{(Moved == 1 ? "" : "s")} ≤ 0 or below {LogTicks.Label(Smallest)} {(Moved == 1 ? "is" : "are")} drawn on the dotted floor line at {LogTicks.Label(Value)}{where}.");
    }
}
