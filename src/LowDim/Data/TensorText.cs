using TorchSharp;

namespace LowDim.Data;

/// <summary>Shapes and dtypes written the way NumPy and PyTorch users read them, for messages.</summary>
internal static class TensorText
{
    /// <summary>A Python tuple: <c>()</c>, <c>(5,)</c>, <c>(2, 3)</c>.</summary>
    public static string Shape(IReadOnlyList<long> shape) => shape.Count == 1
        ? $"({shape[0]},)"
        : $"({string.Join(", ", shape)})";

    /// <summary>The PyTorch name: <c>float32</c>, <c>uint8</c>, <c>bool</c>.</summary>
    public static string Dtype(torch.ScalarType dtype) => dtype == torch.ScalarType.Byte
        ? "uint8"
        : dtype.ToString().ToLowerInvariant();

    /// <summary>The number of bytes a dense array of this shape and dtype takes.</summary>
    /// <exception cref="OverflowException">The size does not fit in a long.</exception>
    public static long ByteCount(IReadOnlyList<long> shape, torch.ScalarType dtype)
    {
        long bytes = ElementSize(dtype);
        foreach (long n in shape)
        {
            bytes = checked(bytes * n);
        }
        return bytes;
    }

    /// <summary>The bytes one element of <paramref name="dtype"/> takes.</summary>
    public static long ElementSize(torch.ScalarType dtype) => dtype switch
    {
        torch.ScalarType.Float64 or torch.ScalarType.Int64 => 8,
        torch.ScalarType.Float32 or torch.ScalarType.Int32 => 4,
        torch.ScalarType.Float16 or torch.ScalarType.BFloat16 or torch.ScalarType.Int16 => 2,
        torch.ScalarType.Byte or torch.ScalarType.Int8 or torch.ScalarType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "no data file format here holds this dtype"),
    };
}
