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

    /// <summary>
    /// Reads a history.csv by column name: every column of <see cref="Columns"/> must be there, in any order, and
    /// every cell filled, since the trainer knows each of them at the end of every epoch; a column this version
    /// does not know, from a newer trainer, is skipped.
    /// </summary>
    /// <exception cref="DataFileException">The file cannot be read, its header lacks a column or names one twice,
    /// or a line has the wrong number of cells, a bad epoch, or an empty cell or one that is not a number; the
    /// message names the line.</exception>
    public static List<HistoryRow> Read(string path)
    {
        var csv = CsvLines.Read(path);
        int[] index = Columns.Select(csv.Require).ToArray();
        return csv.Rows.Select(row => new HistoryRow(
            csv.Epoch(row, index[0]),
            csv.Number(row, index[1]),
            csv.Number(row, index[2]),
            csv.Number(row, index[3]),
            csv.Number(row, index[4]))).ToList();
    }
}
