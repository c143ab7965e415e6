using static TorchSharp.torch;

namespace LowDim.Data;

/// <summary>Labelled samples in memory on the CPU; owns its tensors.</summary>
public sealed class LabelledData : IDisposable
{
    /// <summary>Wraps <paramref name="inputs"/> and <paramref name="labels"/>, taking ownership of both.</summary>
    /// <param name="inputs">(N, C, H, W) float32 images or (N, d) float32 vectors.</param>
    /// <param name="labels">(N) int64 labels in 0..<paramref name="classes"/> − 1.</param>
    /// <param name="classes">The number of classes K.</param>
    /// <param name="name">What the data is, e.g. <c>fashion-mnist/train</c>.</param>
    /// <exception cref="ArgumentException">The shapes or dtypes do not fit together.</exception>
    public LabelledData(Tensor inputs, Tensor labels, int classes, string name)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        if (inputs.dim() < 2)
            throw new ArgumentException($"{name}: inputs must have a sample dimension and at least one more, got shape {TensorText.Shape(inputs.shape)}", nameof(inputs));
        if (labels.dim() != 1 || labels.dtype != ScalarType.Int64)
            throw new ArgumentException($"{name}: labels must be a 1-D int64 tensor, got {TensorText.Dtype(labels.dtype)} of shape {TensorText.Shape(labels.shape)}", nameof(labels));
        if (labels.shape[0] != inputs.shape[0])
            throw new ArgumentException($"{name}: {labels.shape[0]} labels for {inputs.shape[0]} inputs", nameof(labels));
        Inputs = inputs;
        Labels = labels;
        Classes = classes;
        Name = name;
    }

    /// <summary>(N, C, H, W) float32 images, or (N, d) float32 vectors.</summary>
    public Tensor Inputs { get; }

    /// <summary>(N) int64 labels in 0..K − 1.</summary>
    public Tensor Labels { get; }

    /// <summary>The number of classes K.</summary>
    public int Classes { get; }

    /// <summary>What the data is, e.g. <c>fashion-mnist/train</c>.</summary>
    public string Name { get; }

    /// <summary>The number of samples N.</summary>
    public long Count => Inputs.shape[0];

    /// <summary>The shape of one sample: <see cref="Inputs"/>' shape without N, e.g. [1, 28, 28].</summary>
    public long[] SampleShape => Inputs.shape[1..];

    /// <summary>Disposes the inputs and labels.</summary>
    public void Dispose()
    {
        Inputs.Dispose();
        Labels.Dispose();
    }
}
