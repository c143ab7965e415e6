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

    /// <summary>
    /// Reads a metrics.csv by column name. <c>epoch</c>, <c>split</c> and <c>layer</c> must be there; a value
    /// column the file lacks is a value that does not exist in every row (as an empty cell is); a column this
    /// version does not know, from a newer trainer, is skipped.
    /// </summary>
    /// <exception cref="DataFileException">The file cannot be read, its header lacks a required column or names
    /// one twice, or a line has the wrong number of cells, a bad epoch, an empty split or layer, or a value that
    /// is not a number; the message names the line.</exception>
    public static List<MeasurementRow> Read(string path)
    {
        var csv = CsvLines.Read(path);
        int epoch = csv.Require("epoch");
        int split = csv.Require("split");
        int layer = csv.Require("layer");
        var valueColumns = ValueColumns.Select(name => (Name: name, Index: csv.IndexOf(name))).Where(c => c.Index >= 0).ToArray();
        var rows = new List<MeasurementRow>(csv.Rows.Count);
        foreach (var row in csv.Rows)
        {
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (name, index) in valueColumns)
            {
                if (csv.OptionalNumber(row, index) is double value) values[name] = value;
            }
            rows.Add(new MeasurementRow(csv.Epoch(row, epoch), csv.Text(row, split), csv.Text(row, layer), values));
        }
        return rows;
    }
}
