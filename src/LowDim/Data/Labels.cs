using static TorchSharp.torch;

namespace LowDim.Data;

/// <summary>Checks on class labels read from files.</summary>
internal static class Labels
{
    /// <summary>
    /// Throws when a label of <paramref name="labels"/> (int64) is negative or not below <paramref name="classes"/>,
    /// naming the first such label and its index.
    /// </summary>
    /// <exception cref="DataFileException">A label is out of range.</exception>
    public static void CheckRange(string path, Tensor labels, int classes)
    {
        using var scope = NewDisposeScope();
        var bad = labels.lt(0).logical_or_(labels.ge(classes));
        if (!bad.any().item<bool>())
        {
            return;
        }
        long index = bad.nonzero()[0, 0].item<long>();
        long value = labels[index].item<long>();
        throw new DataFileException(path, $"label {value} at index {index} is out of range 0..{classes - 1}");
    }
}
