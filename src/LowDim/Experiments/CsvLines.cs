using System.Globalization;

namespace LowDim.Experiments;

/// <summary>
/// A comma-separated file of a run (metrics.csv, history.csv) read by column name: a header line, then rows
/// with as many cells as the header has columns. No quoting; cells are trimmed; blank lines are skipped.
/// Reading by name lets a file from a newer trainer, with columns this version does not know, still be read.
/// </summary>
internal sealed class CsvLines
{
    private readonly Dictionary<string, int> _columns;

    private CsvLines(string path, string[] header, List<(int Line, string[] Cells)> rows)
    {
        Path = path;
        Header = header;
        Rows = rows;
        _columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++)
        {
            if (header[i].Length == 0) throw new DataFileException(path, $"line 1: column {i + 1} has no name");
            if (!_columns.TryAdd(header[i], i)) throw new DataFileException(path, $"line 1: two columns are called '{header[i]}'");
        }
    }

    /// <summary>The file as it was named.</summary>
    public string Path { get; }

    /// <summary>The column names in file order.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The rows after the header, each with its 1-based line number in the file.</summary>
    public IReadOnlyList<(int Line, string[] Cells)> Rows { get; }

    /// <summary>Reads and splits the whole file.</summary>
    /// <exception cref="DataFileException">The file cannot be read, is empty, has a column without a name or
    /// two of one name, or a row has the wrong number of cells.</exception>
    public static CsvLines Read(string path)
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
        if (lines.Length == 0 || string.IsNullOrWhiteSpace(lines[0]))
        {
            throw new DataFileException(path, "empty file (expected a header line with the column names)");
        }
        string[] header = Split(lines[0]);
        var rows = new List<(int, string[])>(lines.Length - 1);
        for (int i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            string[] cells = Split(lines[i]);
            if (cells.Length != header.Length)
            {
                throw new DataFileException(path, $"line {i + 1}: {cells.Length} fields, but the header has {header.Length} columns");
            }
            rows.Add((i + 1, cells));
        }
        return new CsvLines(path, header, rows);
    }

    /// <summary>The index of <paramref name="column"/>, or -1 when the file has no such column.</summary>
    public int IndexOf(string column) => _columns.GetValueOrDefault(column, -1);

    /// <summary>The index of <paramref name="column"/>, which the file must have.</summary>
    /// <exception cref="DataFileException">The header has no such column.</exception>
    public int Require(string column) =>
        IndexOf(column) is int index and >= 0 ? index : throw new DataFileException(Path, $"line 1: no column '{column}'");

    /// <summary>Cell <paramref name="column"/> of a row as a 1-based epoch.</summary>
    /// <exception cref="DataFileException">The cell is empty or not a positive integer.</exception>
    public int Epoch((int Line, string[] Cells) row, int column)
    {
        string text = row.Cells[column];
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= 1
            ? value
            : throw Bad(row.Line, column, text.Length == 0 ? "empty value" : $"'{text}' is not a positive integer");
    }

    /// <summary>Cell <paramref name="column"/> of a row as a number, or null when the cell is empty (a value that does not exist).</summary>
    /// <exception cref="DataFileException">The cell is not a number.</exception>
    public double? OptionalNumber((int Line, string[] Cells) row, int column)
    {
        string text = row.Cells[column];
        if (text.Length == 0) return null;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw Bad(row.Line, column, $"'{text}' is not a number");
    }

    /// <summary>Cell <paramref name="column"/> of a row as a number, which must be there.</summary>
    /// <exception cref="DataFileException">The cell is empty or not a number.</exception>
    public double Number((int Line, string[] Cells) row, int column) =>
        OptionalNumber(row, column) ?? throw Bad(row.Line, column, "empty value");

    /// <summary>Cell <paramref name="column"/> of a row as text, which must not be empty.</summary>
    /// <exception cref="DataFileException">The cell is empty.</exception>
    public string Text((int Line, string[] Cells) row, int column) =>
        row.Cells[column] is { Length: > 0 } text ? text : throw Bad(row.Line, column, "empty value");

    private DataFileException Bad(int line, int column, string problem) =>
        new(Path, $"line {line}, column '{Header[column]}' ({column + 1}): {problem}");

    private static string[] Split(string line) =>
        line.Split(',').Select(cell => cell.Trim()).ToArray();
}
