using System.Numerics;
using System.Text;
using static TorchSharp.torch;

namespace LowDim.Data;

/// <summary>
/// Reads features and labels from a CSV file with a header line: one integer label column, and every
/// other column a numeric feature (as <c>pandas.DataFrame.to_csv(path, index=False)</c> writes them).
/// </summary>
/// <remarks>
/// Fields are separated by commas and parsed with the invariant culture (a dot for the decimal point);
/// spaces around a field and blank lines are ignored; header names may be in double quotes. Values may
/// be <c>NaN</c>, <c>inf</c> and <c>-inf</c>, as NumPy and pandas write them.
/// </remarks>
public static class CsvFeatures
{
    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="labelColumn">The name of the column that holds the integer class labels.</param>
    /// <param name="dtype">The features' dtype: <see cref="ScalarType.Float32"/> or <see cref="ScalarType.Float64"/>.</param>
    /// <returns>
    /// Features (N, d) of <paramref name="dtype"/>, in the order of the columns, and labels (N) int64,
    /// in the order of the lines; N may be 0.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="dtype"/> is not float32 or float64.</exception>
    /// <exception cref="DataFileException">
    /// The file is missing or empty, has no such label column or no feature column, a line with the
    /// wrong number of fields, a value that is not a number, or a label that is not an integer. The
    /// message gives the line and the column.
    /// </exception>
    public static (Tensor Features, Tensor Labels) Read(string path, string labelColumn = "label",
        ScalarType dtype = ScalarType.Float32) => dtype switch
    {
        ScalarType.Float32 => Read<float>(path, labelColumn, dtype),
        ScalarType.Float64 => Read<double>(path, labelColumn, dtype),
        _ => throw new ArgumentException(
            $"features can be float32 or float64, not {TensorText.Dtype(dtype)}", nameof(dtype)),
    };

    private static (Tensor Features, Tensor Labels) Read<T>(string path, string labelColumn, ScalarType dtype)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var reader = new StreamReader(new FileStream(DataFiles.OpenRead(path), FileAccess.Read), Encoding.UTF8,
            detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        try
        {
            var table = new CsvTable<T>(path, reader.ReadLine(), labelColumn);
            for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
            {
                table.AddRow(line);
            }
            return (table.Features(dtype), table.Labels());
        }
        catch (IOException e)
        {
            throw DataFiles.CannotRead(path, e);
        }
    }
}
