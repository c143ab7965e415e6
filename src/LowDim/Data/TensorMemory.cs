using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Data;

/// <summary>Access to a CPU tensor's memory as byte spans, without a managed copy of the data.</summary>
internal static class TensorMemory
{
    /// <summary>Called with one slice of a tensor's memory and the slice's byte offset from the start.</summary>
    public delegate void SliceAction(Span<byte> slice, long offset);

    // Tensor.bytes cannot return more than int.MaxValue bytes, so big tensors are visited in slices.
    private const long SliceBytes = 64L << 20;

    /// <summary>
    /// Calls <paramref name="action"/> on consecutive slices that together cover the memory of
    /// <paramref name="tensor"/>, which must be on the CPU and contiguous.
    /// </summary>
    public static void ForEachSlice(Tensor tensor, SliceAction action)
    {
        using var flat = tensor.reshape(-1);
        long count = flat.shape[0];
        long elementSize = tensor.ElementSize;
        long perSlice = SliceBytes / elementSize;
        for (long start = 0; start < count; start += perSlice)
        {
            using var slice = flat.narrow(0, start, Math.Min(perSlice, count - start));
            action(slice.bytes, start * elementSize);
        }
    }

    /// <summary>
    /// A CPU, contiguous tensor with the data of <paramref name="tensor"/>: a new handle on the same
    /// memory when it already is one, else a copy. The caller disposes it.
    /// </summary>
    public static Tensor ContiguousOnCpu(Tensor tensor)
    {
        using var cpu = tensor.cpu();
        return cpu.contiguous();
    }
}
