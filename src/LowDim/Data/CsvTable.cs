using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace LowDim.Data;

/// <summary>The rows of a features-and-labels CSV file as they are parsed, line by line.</summary>
/// <typeparam name="T">The features' element type.</typeparam>
internal sealed class CsvTable<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly string _path;
    private readonly string[] _columns;
    private readonly int _labelIndex;
    private readonly List<T> _features = [];
    private readonly List<long> _labels = [];
    private readonly T[] _row;
    private int _lineNumber = 1;

    /// <summary>Starts a table from the header line of <paramref name="path"/>.</summary>
    /// <exception cref="DataFileException">The file is empty, or the header has no such label column or no features.</exception>
    public CsvTable(string path, string? header, string labelColumn)
    {
        _path = path;
        if (header is null)
        {
            throw new DataFileException(path, "empty file (expected a header line with the column names)");
        }
        if (string.IsNullOrWhiteSpace(header))
        {
            throw new DataFileException(path, "line 1 is blank (expected a header line with the column names)");
        }
        _columns = header.Split(',').Select(name => name.Trim().Trim('"')).ToArray();
        int unnamed = Array.IndexOf(_columns, "");
        if (unnamed >= 0)
        {
            throw new DataFileException(path,
                $"line 1: column {unnamed + 1} has no name (a pandas index? save with to_csv(path, index=False))");
        }
        _labelIndex = Array.IndexOf(_columns, labelColumn);
        if (_labelIndex < 0)
        {
            throw new DataFileException(path,
                $"line 1: no label column '{labelColumn}'; the columns are {string.Join(", ", _columns.Select(c => $"'{c}'"))}");
        }
        if (Array.LastIndexOf(_columns, labelColumn) != _labelIndex)
        {
            throw new DataFileException(path, $"line 1: two columns are called '{labelColumn}'");
        }
        if (_columns.Length == 1)
        {
            throw new DataFileException(path, $"line 1: no feature columns besides '{labelColumn}'");
        }
        _row = new T[_columns.Length - 1];
    }

    /// <summary>Parses one line after the header; blank lines add nothing.</summary>
    /// <exception cref="DataFileException">The line has the wrong number of fields, or a bad value.</exception>
    public void AddRow(string line)
    {
        _lineNumber++;
        ReadOnlySpan<char> rest = line;
        if (rest.IsWhiteSpace())
        {
            return;
        }
        int fields = rest.Count(',') + 1;
        if (fields != _columns.Length)
        {
            throw new DataFileException(_path,
                $"line {_lineNumber}: {fields} fields, but the header has {_columns.Length} columns");
        }
        long label = 0;
        int feature = 0;
        for (int column = 0; column < _columns.Length; column++)
        {
            int comma = rest.IndexOf(',');
            ReadOnlySpan<char> field = comma < 0 ? rest : rest[..comma];
            rest = comma < 0 ? default : rest[(comma + 1)..];
            if (field.IsWhiteSpace())
            {
                throw Bad(column, "empty value");
            }
            if (column == _labelIndex)
            {
                if (!long.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out label))
                {
                    throw Bad(column, $"label '{field.Trim()}' is not an integer");
                }
            }
            else if (!TryParseNumber(field, out _row[feature++]))
            {
                throw Bad(column, $"'{field.Trim()}' is not a number");
            }
        }
        _features.AddRange(_row);
        _labels.Add(label);
    }

    /// <summary>The features read so far: (N, d) of <paramref name="dtype"/>, which must match <typeparamref name="T"/>.</summary>
    public Tensor Features(ScalarType dtype)
    {
        var features = empty([_labels.Count, _row.Length], dtype);
        TensorMemory.ForEachSlice(features, (slice, offset) =>
            MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(_features)).Slice((int)offset, slice.Length).CopyTo(slice));
        return features;
    }

    /// <summary>The labels read so far: (N) int64.</summary>
    public Tensor Labels() => tensor(_labels.ToArray(), [_labels.Count]);

    // NumPy and pandas write infinities as "inf", which .NET does not parse.
    private static bool TryParseNumber(ReadOnlySpan<char> field, out T value)
    {
        if (T.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }
        ReadOnlySpan<char> text = field.Trim();
        bool signed = text.Length > 0 && text[0] is '+' or '-';
        if (!text[(signed ? 1 : 0)..].Equals("inf", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        value = text[0] == '-' ? T.NegativeInfinity : T.PositiveInfinity;
        return true;
    }

    private DataFileException Bad(int column, string problem) =>
        new(_path, $"line {_lineNumber}, column '{_columns[column]}' ({column + 1}): {problem}");
}
