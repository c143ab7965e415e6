namespace LowDim.Reporting;

/// <summary>Reads metrics.csv (the run contract): one row per measured (epoch, split, layer).</summary>
internal static class MetricsFile
{
    /// <summary>The rows in file order; every column besides epoch, split and layer is read as a number.</summary>
    /// <exception cref="DataFileException">The file is malformed; the message names the line.</exception>
    public static List<MetricsRow> Read(string path)
    {
        var csv = CsvFile.Read(path);
        int epoch = csv.Require("epoch");
        int split = csv.Require("split");
        int layer = csv.Require("layer");
        int[] valueColumns = Enumerable.Range(0, csv.Header.Count).Where(i => i != epoch && i != split && i != layer).ToArray();
        var rows = new List<MetricsRow>(csv.Rows.Count);
        foreach (var row in csv.Rows)
        {
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (int column in valueColumns)
            {
                if (csv.Number(row, column) is double value) values[csv.Header[column]] = value;
            }
            rows.Add(new MetricsRow(csv.PositiveInteger(row, epoch), csv.Text(row, split), csv.Text(row, layer), values));
        }
        return rows;
    }
}
