using System.Text.Json;
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

    internal static string ToJson(MeasurementRow row)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("epoch", row.Epoch);
            json.WriteString("split", row.Split);
            json.WriteString("layer", row.Layer);
            foreach (string column in MetricsCsv.ValueColumns)
            {
                // JSON has no NaN or Infinity: those are null too.
                if (row[column] is double value && double.IsFinite(value)) json.WriteNumber(column, value);
                else json.WriteNull(column);
            }
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
