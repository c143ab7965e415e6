using System.Globalization;
using System.Text;
using LowDim.Data;
using LowDim.Measurement;

namespace LowDim.Experiments;

/// <summary>
/// A run's metrics.csv: a header, then one row per measured (epoch, split, layer), numbers in round-trip
/// form, an empty cell for a value that does not exist. The columns are <see cref="Columns"/>.
/// </summary>
public static class MetricsCsv
{
    /// <summary>The columns after epoch, split and layer: loss, accuracy, every other metric, the timings.</summary>
    public static IReadOnlyList<string> ValueColumns { get; } =
        ["loss", MetricNames.Accuracy, .. MetricNames.All.Where(m => m != MetricNames.Accuracy), "train_seconds", "measure_seconds"];

    /// <summary>Every column, in file order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["epoch", "split", "layer", .. ValueColumns];

    /// <summary>Writes all <paramref name="rows"/> to <paramref name="path"/>, replacing it atomically.</summary>
    public static void Write(string path, IEnumerable<MeasurementRow> rows)
    {
        var text = new StringBuilder().AppendJoin(',', Columns).Append('\n');
        foreach (var row in rows)
        {
            text.Append(row.Epoch.ToString(CultureInfo.InvariantCulture)).Append(',').Append(row.Split).Append(',').Append(row.Layer);
            foreach (string column in ValueColumns)
            {
                text.Append(',');
                if (row[column] is double value) text.Append(value.ToString("R", CultureInfo.InvariantCulture));
            }
            text.Append('\n');
        }
        DataFiles.WriteTextAtomically(path, text.ToString());
    }

    /// <summary>Reads a metrics.csv written by <see cref="Write"/>.</summary>
    /// <exception cref="DataFileException">The file is missing or a line does not have the columns and numbers it should.</exception>
    public static List<MeasurementRow> Read(string path)
    {
        var lines = CsvLines.Read(path, Columns);
        var rows = new List<MeasurementRow>(lines.Count);
        foreach (var (number, cells) in lines)
        {
            var values = new Dictionary<string, double>();
            for (int c = 0; c < ValueColumns.Count; c++)
            {
                if (cells[c + 3].Length > 0) values[ValueColumns[c]] = CsvLines.Number(path, number, cells[c + 3]);
            }
            rows.Add(new MeasurementRow(CsvLines.Epoch(path, number, cells[0]), cells[1], cells[2], values));
        }
        return rows;
    }
}
