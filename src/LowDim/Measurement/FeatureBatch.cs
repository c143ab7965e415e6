using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Measurement;

/// <summary>Checks and chunking shared by both passes over labelled features.</summary>
internal static class FeatureBatch
{
    /// <summary>Rows per chunk: about <paramref name="targetBytes"/> of features, unless the options fix it.</summary>
    public static int ChunkRows(NeuralCollapseOptions options, long dimension, ScalarType dtype, long targetBytes)
    {
        if (options.ChunkRows is int rows)
        {
            if (rows < 1) throw new ArgumentOutOfRangeException(nameof(options), "ChunkRows must be at least 1.");
            return rows;
        }
        long bytesPerRow = Math.Max(1, dimension) * dtype.ElementSize();
        return (int)Math.Clamp(targetBytes / bytesPerRow, 64, 1 << 16);
    }

    /// <summary>
    /// Checks one batch: (n, d) floating features and (n) integer labels in [0, K). Returns the labels
    /// as int64 on the features' device.
    /// </summary>
    public static Tensor CheckedLabels(Tensor features, Tensor labels, int classes, long? dimension)
    {
        if (features.dim() != 2)
            throw new InvalidInputException($"features must be a 2-D (N, d) array, got shape {Shape(features)}");
        if (!features.is_floating_point())
            throw new InvalidInputException($"features must be floating point, got {features.dtype}");
        if (dimension is long d && features.shape[1] != d)
            throw new InvalidInputException($"features have dimension {features.shape[1]} here but {d} before");
        if (labels.dim() != 1)
            throw new InvalidInputException($"labels must be a 1-D (N) array, got shape {Shape(labels)}");
        if (labels.is_floating_point() || labels.dtype == ScalarType.Bool || labels.is_complex())
            throw new InvalidInputException($"labels must be integers, got {labels.dtype}");
        if (labels.shape[0] != features.shape[0])
            throw new InvalidInputException($"features have {features.shape[0]} rows but labels have {labels.shape[0]} entries");
        var result = labels.to(ScalarType.Int64, features.device);
        if (result.shape[0] > 0)
        {
            long min = result.min().item<long>();
            long max = result.max().item<long>();
            if (min < 0 || max >= classes)
            {
                result.Dispose();
                long bad = min < 0 ? min : max;
                throw new InvalidInputException($"label {bad} is out of range: labels must lie in 0..{classes - 1} for {classes} classes");
            }
        }
        return result;
    }

    /// <summary>The dtype the second pass computes in: float64 features stay float64, others use float32.</summary>
    public static ScalarType ComputeType(ScalarType featureType) =>
        featureType == ScalarType.Float64 ? ScalarType.Float64 : ScalarType.Float32;

    /// <summary>Machine epsilon of the dtype the features carry.</summary>
    public static double Epsilon(ScalarType featureType) => featureType switch
    {
        ScalarType.Float64 => Math.Pow(2, -52),
        ScalarType.Float16 => Math.Pow(2, -10),
        ScalarType.BFloat16 => Math.Pow(2, -7),
        _ => Math.Pow(2, -23),
    };

    public static string Shape(Tensor t) => "(" + string.Join(", ", t.shape) + ")";
}
