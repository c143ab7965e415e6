using System.Diagnostics;

namespace LowDim.Bench;

/// <summary>The best (shortest) time seen for each named thing, over every run of it.</summary>
internal sealed class BestTimes
{
    private readonly SortedDictionary<string, double> _seconds = new(StringComparer.Ordinal);

    /// <summary>Seconds by name.</summary>
    public IReadOnlyDictionary<string, double> Seconds => _seconds;

    public double this[string name] => _seconds[name];

    /// <summary>Runs <paramref name="action"/> once and keeps its time if it is the best for <paramref name="name"/>.</summary>
    public void Time(string name, Action action)
    {
        long start = Stopwatch.GetTimestamp();
        action();
        Keep(name, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    /// <summary>Keeps <paramref name="seconds"/> if it is the best for <paramref name="name"/>.</summary>
    public void Keep(string name, double seconds) =>
        _seconds[name] = Math.Min(seconds, _seconds.GetValueOrDefault(name, double.PositiveInfinity));
}
