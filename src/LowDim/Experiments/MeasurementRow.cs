using LowDim.Measurement;

namespace LowDim.Experiments;

/// <summary>
/// One measured (epoch, split, layer): a row of a run's metrics.csv and a line of <c>lowdim train --json</c>.
/// </summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Split"><see cref="Train"/> or <see cref="Test"/>.</param>
/// <param name="Layer"><see cref="Penultimate"/> for the head's input, else the layer's name.</param>
/// <param name="Values">Values by column name (<see cref="MetricsCsv.ValueColumns"/>); a missing key is a value that does not exist.</param>
public sealed record MeasurementRow(int Epoch, string Split, string Layer, IReadOnlyDictionary<string, double> Values)
{
    /// <summary>The layer name of the features the classifier head reads.</summary>
    public const string Penultimate = "penultimate";

    /// <summary>The name of the training split.</summary>
    public const string Train = "train";

    /// <summary>The name of the test split.</summary>
    public const string Test = "test";

    /// <summary>Whether this row describes the features the classifier head reads (every metric filled).</summary>
    public bool IsPenultimate => Layer == Penultimate;

    /// <summary>The value of a column, or null where it does not exist.</summary>
    public double? this[string column] => Values.TryGetValue(column, out double value) ? value : null;

    /// <summary>A row from measured metrics: every metric that exists, plus the extra columns given.</summary>
    public static MeasurementRow From(int epoch, string split, string layer, NeuralCollapseMetrics metrics, params (string Column, double? Value)[] extra)
    {
        var values = new Dictionary<string, double>();
        foreach (var (column, value) in extra)
            if (value is double v) values[column] = v;
        foreach (var (name, value) in metrics.ByName())
            if (value is double v && !values.ContainsKey(name)) values[name] = v;
        return new MeasurementRow(epoch, split, layer, values);
    }
}
