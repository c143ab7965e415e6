namespace LowDim.Reporting;

/// <summary>Reads history.csv (the run contract): <c>epoch,lr,train_loss,train_accuracy,train_seconds</c>.</summary>
internal static class HistoryFile
{
    /// <summary>The rows in file order; a column the file lacks reads as missing values.</summary>
    /// <exception cref="DataFileException">The file is malformed; the message names the line.</exception>
    public static List<HistoryRow> Read(string path)
    {
        var csv = CsvFile.Read(path);
        int epoch = csv.Require("epoch");
        int lr = csv.IndexOf("lr");
        int loss = csv.IndexOf("train_loss");
        int accuracy = csv.IndexOf("train_accuracy");
        int seconds = csv.IndexOf("train_seconds");
        return csv.Rows.Select(row => new HistoryRow(
            csv.PositiveInteger(row, epoch),
            lr < 0 ? null : csv.Number(row, lr),
            loss < 0 ? null : csv.Number(row, loss),
            accuracy < 0 ? null : csv.Number(row, accuracy),
            seconds < 0 ? null : csv.Number(row, seconds))).ToList();
    }
}
