using static TorchSharp.torch;

namespace LowDim.Tests;

/// <summary>Bit-identity of tensors, PyTorch's torch.equal: the same shape and the same values.</summary>
internal static class Identical
{
    public static bool Tensors(Tensor expected, Tensor actual) =>
        expected.shape.SequenceEqual(actual.shape) && expected.dtype == actual.dtype && expected.eq(actual).all().item<bool>();
}
