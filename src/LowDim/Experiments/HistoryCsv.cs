using System.Globalization;
using System.Text;
using LowDim.Data;

namespace LowDim.Experiments;

/// <summary>A run's history.csv: one row per trained epoch, <c>epoch,lr,train_loss,train_accuracy,train_seconds</c>.</summary>
public static class HistoryCsv
{
    /// <summary>The columns, in file order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["epoch", "lr", "train_loss", "train_accuracy", "train_seconds"];

    /// <summary>Writes all <paramref name="rows"/> to <paramref name="path"/>, replacing it atomically.</summary>
    public static void Write(string path, IEnumerable<HistoryRow> rows)
    {
        var text = new StringBuilder().AppendJoin(',', Columns).Append('\n');
        foreach (var row in rows)
        {
            text.AppendJoin(',',
                row.Epoch.ToString(CultureInfo.InvariantCulture),
                row.LearningRate.ToString("R", CultureInfo.InvariantCulture),
                row.TrainLoss.ToString("R", CultureInfo.InvariantCulture),
                row.TrainAccuracy.ToString("R", CultureInfo.InvariantCulture),
                row.TrainSeconds.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        DataFiles.WriteTextAtomically(path, text.ToString());
    }

    /// <summary>Reads a history.csv written by <see cref="Write"/>.</summary>
    /// <exception cref="DataFileException">The file is missing or a line is malformed.</exception>
    public static List<HistoryRow> Read(string path) =>
        CsvLines.Read(path, Columns).Select(line => new HistoryRow(
            CsvLines.Epoch(path, line.Number, line.Cells[0]),
            CsvLines.Number(path, line.Number, line.Cells[1]),
            CsvLines.Number(path, line.Number, line.Cells[2]),
            CsvLines.Number(path, line.Number, line.Cells[3]),
            CsvLines.Number(path, line.Number, line.Cells[4]))).ToList();
}
