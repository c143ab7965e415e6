namespace LowDim.Models;

/// <summary>Builds classifiers from <see cref="ModelOptions"/>.</summary>
public static class Classifiers
{
    /// <summary>
    /// Builds the model for samples of the given shape: [C, H, W] images (for example [1, 28, 28] or [3, 32, 32])
    /// for every architecture, or [D] vectors for the MLP. Weights are drawn from torch's global generator, which
    /// the caller seeds with torch.manual_seed; the model is on the CPU, in training mode.
    /// </summary>
    /// <param name="options">The architecture.</param>
    /// <param name="sampleShape">The shape of one sample.</param>
    /// <param name="classes">K ≥ 2.</param>
    /// <exception cref="InvalidInputException">An unknown architecture or head, or options that do not fit the samples.</exception>
    public static Classifier Create(ModelOptions options, long[] sampleShape, int classes)
    {
        if (classes < 2) throw new InvalidInputException($"a classifier needs at least 2 classes, got {classes}");
        if (sampleShape.Length == 0 || sampleShape.Any(size => size < 1))
            throw new InvalidInputException($"samples of shape [{string.Join(", ", sampleShape)}] cannot be classified");
        string architecture = options.Architecture.Trim().ToLowerInvariant();
        if (architecture == "mlp")
        {
            long inputs = sampleShape.Aggregate(1L, (product, size) => checked(product * size));
            return new MultilayerPerceptron(checked((int)inputs), classes, options);
        }
        if (architecture is not ("cnn" or "resnet18"))
            throw new InvalidInputException($"--architecture must be mlp, cnn or resnet18, not '{options.Architecture}'");
        if (sampleShape.Length != 3)
            throw new InvalidInputException($"{architecture} needs image samples [C, H, W], got [{string.Join(", ", sampleShape)}]");
        int channels = checked((int)sampleShape[0]);
        return architecture == "cnn"
            ? new ConvNet(channels, checked((int)sampleShape[1]), checked((int)sampleShape[2]), classes, options)
            : new ResNet18(channels, classes, options);
    }
}
