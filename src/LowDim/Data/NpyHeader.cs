using System.Buffers.Binary;
using System.Text;
using static TorchSharp.torch;

namespace LowDim.Data;

/// <summary>The dict at the start of an .npy file: element type, memory order and shape.</summary>
internal sealed record NpyHeader(ScalarType Dtype, long[] Shape)
{
    /// <summary>The most dimensions NumPy (2.x) arrays can have.</summary>
    public const int MaxDimensions = 64;

    /// <summary>The NumPy type codes (without byte order) of the dtypes both sides have.</summary>
    private static readonly (string Code, ScalarType Dtype)[] Dtypes =
    [
        ("f2", ScalarType.Float16),
        ("f4", ScalarType.Float32),
        ("f8", ScalarType.Float64),
        ("i1", ScalarType.Int8),
        ("i2", ScalarType.Int16),
        ("i4", ScalarType.Int32),
        ("i8", ScalarType.Int64),
        ("u1", ScalarType.Byte),
        ("b1", ScalarType.Bool),
    ];

    /// <summary>The supported NumPy dtypes, for messages.</summary>
    public static string Supported => string.Join(", ", Dtypes.Select(d => $"{d.Code} ({TensorText.Dtype(d.Dtype)})"));

    /// <summary>Reads the header dict of <paramref name="path"/>.</summary>
    /// <exception cref="DataFileException">The dict is malformed or describes an array LowDim cannot load.</exception>
    public static NpyHeader Parse(string path, string text)
    {
        Dictionary<string, object?> dict;
        try
        {
            dict = PythonLiteral.Parse(text) as Dictionary<string, object?>
                ?? throw new FormatException("the header is not a dict");
        }
        catch (FormatException e)
        {
            throw new DataFileException(path, $"malformed header: {e.Message}", e);
        }
        object? descr = Entry(path, dict, "descr");
        object? fortranOrder = Entry(path, dict, "fortran_order");
        object? shape = Entry(path, dict, "shape");
        if (fortranOrder is not bool fortran)
        {
            throw new DataFileException(path, "malformed header: 'fortran_order' is not True or False");
        }
        if (fortran)
        {
            throw new DataFileException(path,
                "Fortran-order arrays are not supported; save with np.save(path, np.ascontiguousarray(a))");
        }
        return new NpyHeader(ParseDtype(path, descr), ParseShape(path, shape));
    }

    /// <summary>Whether .npy can hold tensors of <paramref name="dtype"/>.</summary>
    public static bool CanHold(ScalarType dtype) => Dtypes.Any(d => d.Dtype == dtype);

    /// <summary>The complete header block (magic, version 1.0, length, padded dict) for this array in C order.</summary>
    /// <remarks>With at most <see cref="MaxDimensions"/> dimensions the dict fits the 2-byte length of version 1.0.</remarks>
    public byte[] Encode()
    {
        string code = Dtypes.First(d => d.Dtype == Dtype).Code;
        char order = code[1] == '1' ? '|' : '<';
        string dict = $"{{'descr': '{order}{code}', 'fortran_order': False, 'shape': {TensorText.Shape(Shape)}, }}";
        // NumPy pads the dict with spaces and ends it with a newline so that the data starts 64-byte aligned.
        const int prefix = 10;
        int padded = (prefix + dict.Length + 1 + 63) / 64 * 64 - prefix;
        var bytes = new byte[prefix + padded];
        NpyFile.Magic.CopyTo(bytes);
        bytes[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), checked((ushort)padded));
        Encoding.ASCII.GetBytes(dict.PadRight(padded - 1) + "\n", bytes.AsSpan(prefix));
        return bytes;
    }

    private static object? Entry(string path, Dictionary<string, object?> dict, string key) =>
        dict.TryGetValue(key, out object? value)
            ? value
            : throw new DataFileException(path, $"malformed header: no '{key}' entry");

    private static ScalarType ParseDtype(string path, object? descr)
    {
        if (descr is not string text)
        {
            throw new DataFileException(path,
                $"unsupported dtype: structured arrays are not supported; supported dtypes: {Supported}");
        }
        string code = text.Length > 1 && text[0] is '<' or '>' or '=' or '|' ? text[1..] : text;
        if (text.StartsWith('>') && code is not ("u1" or "i1" or "b1"))
        {
            throw new DataFileException(path,
                $"big-endian dtype '{text}' is not supported; save with np.save(path, a.astype(a.dtype.newbyteorder('<')))");
        }
        foreach (var (known, dtype) in Dtypes)
        {
            if (known == code)
            {
                return dtype;
            }
        }
        throw new DataFileException(path, $"unsupported dtype '{text}'; supported dtypes: {Supported}");
    }

    private static long[] ParseShape(string path, object? shape)
    {
        if (shape is not List<object?> items || items.Any(n => n is not >= 0L))
        {
            throw new DataFileException(path, "malformed header: 'shape' is not a tuple of non-negative integers");
        }
        return items.Select(n => (long)n!).ToArray();
    }
}
