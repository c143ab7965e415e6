using LowDim.Experiments;
using LowDim.Training;

namespace LowDim.Cli.Commands;

/// <summary>
/// <c>lowdim train --json</c>: one JSON object per line for each measured (epoch, split, layer), with
/// epoch, split, layer and every column of metrics.csv; a value that does not exist is null.
/// </summary>
internal sealed class TrainJsonLines(TextWriter output) : ITrainingObserver
{
    public void Measured(int epoch, string split, IReadOnlyList<MeasurementRow> rows)
    {
        foreach (var row in rows) output.WriteLine(ToJson(row));
        output.Flush();
    }

    internal static string ToJson(MeasurementRow row) => JsonObjectLine.Write(json =>
    {
        json.WriteNumber("epoch", row.Epoch);
        json.WriteString("split", row.Split);
        json.WriteString("layer", row.Layer);
        foreach (string column in MetricsCsv.ValueColumns) json.WriteNumberOrNull(column, row[column]);
    });
}
