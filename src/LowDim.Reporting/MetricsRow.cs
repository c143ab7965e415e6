namespace LowDim.Reporting;

/// <summary>
/// One row of a run's metrics.csv: what was measured for one (epoch, split, layer).
/// </summary>
/// <param name="Epoch">1-based epoch after which the measurement was made.</param>
/// <param name="Split"><c>train</c> or <c>test</c>.</param>
/// <param name="Layer"><see cref="Penultimate"/> for the features fed to the classifier head, else a layer name such as <c>fc1</c>.</param>
/// <param name="Values">The row's filled cells by column name (loss, accuracy, nc1, ..., train_seconds,
/// measure_seconds); an empty cell has no entry.</param>
public sealed record MetricsRow(int Epoch, string Split, string Layer, IReadOnlyDictionary<string, double> Values)
{
    /// <summary>The layer name of the features fed to the classifier head.</summary>
    public const string Penultimate = "penultimate";

    /// <summary>The name of the training split.</summary>
    public const string Train = "train";

    /// <summary>The name of the test split.</summary>
    public const string Test = "test";

    /// <summary>Whether this row describes the penultimate features (all metrics filled).</summary>
    public bool IsPenultimate => Layer == Penultimate;

    /// <summary>The value of <paramref name="column"/>, or null when the cell was empty or the file has no such column.</summary>
    public double? Value(string column) => Values.TryGetValue(column, out double value) ? value : null;
}
