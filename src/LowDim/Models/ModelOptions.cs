namespace LowDim.Models;

/// <summary>The architecture of a classifier, as data (read from JSON, overridden on the command line).</summary>
public sealed record ModelOptions
{
    /// <summary>
    /// <c>mlp</c> (<see cref="MultilayerPerceptron"/>), <c>cnn</c> (<see cref="ConvNet"/>) or <c>resnet18</c>
    /// (<see cref="ResNet18"/>).
    /// </summary>
    public string Architecture { get; init; } = "mlp";

    /// <summary>
    /// mlp: the widths of the hidden layers; cnn: the output channels of each convolutional block (for example
    /// [32, 64, 128]; the default suits the MLP and makes a very wide CNN); ignored by resnet18.
    /// </summary>
    public int[] Widths { get; init; } = [1024, 1024, 1024];

    /// <summary>Batch normalisation after each hidden linear or convolutional layer (mlp, cnn) and in the bottleneck.</summary>
    public bool BatchNorm { get; init; } = true;

    /// <summary>
    /// The feature dimension d: null gives the backbone's own width; a value adds a bottleneck that maps the
    /// backbone's output to d before the head (Linear, BatchNorm1d when <see cref="BatchNorm"/>, ReLU; see
    /// <see cref="Bottleneck"/>), for example d = K as in Zhu et al. 2021.
    /// </summary>
    public int? FeatureDim { get; init; }

    /// <summary><c>learned</c> (<see cref="LinearHead"/>) or <c>etf</c> (<see cref="SimplexEtfHead"/>, fixed).</summary>
    public string Head { get; init; } = "learned";

    /// <summary>Whether the learned head has a bias; the ETF head never has one.</summary>
    public bool HeadBias { get; init; } = true;
}
