using System.Globalization;

namespace LowDim.Experiments;

/// <summary>The plain comma-separated files a run writes: no quoting, a fixed header.</summary>
internal static class CsvLines
{
    /// <summary>The data lines of <paramref name="path"/> with their 1-based line numbers, after checking the header.</summary>
    public static List<(int Number, string[] Cells)> Read(string path, IReadOnlyList<string> columns)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(path, $"cannot read: {e.Message}", e);
        }
        if (lines.Length == 0 || lines[0] != string.Join(',', columns))
            throw new DataFileException(path, $"line 1: the header must be {string.Join(',', columns)}");
        var result = new List<(int, string[])>(lines.Length - 1);
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var cells = lines[i].Split(',');
            if (cells.Length != columns.Count)
                throw new DataFileException(path, $"line {i + 1}: {cells.Length} cells, expected {columns.Count}");
            result.Add((i + 1, cells));
        }
        return result;
    }

    public static double Number(string path, int line, string cell) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new DataFileException(path, $"line {line}: '{cell}' is not a number");

    public static int Epoch(string path, int line, string cell) =>
        int.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= 1
            ? value
            : throw new DataFileException(path, $"line {line}: epoch '{cell}' is not a positive whole number");
}
