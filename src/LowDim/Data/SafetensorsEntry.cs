using static TorchSharp.torch;

namespace LowDim.Data;

/// <summary>One tensor as a safetensors header describes it; the offsets count from the start of the data buffer.</summary>
internal sealed record SafetensorsEntry(string Name, ScalarType Dtype, long[] Shape, long Begin, long End);
