using System.ComponentModel;

namespace LowDim.Experiments;

/// <summary>
/// Everything that determines a training run, as plain data: read from JSON (snake_case keys), overridden
/// key by key from the command line (<c>--feature-dim 10</c> sets <c>feature_dim</c>), and written fully
/// resolved to the run's <c>spec.json</c>. The defaults are the default experiment: Papyan, Han &amp; Donoho's
/// recipe (SGD with momentum, weight decay 5e-4, learning rate ×0.1 at 1/3 and 2/3 of the epochs) on an MLP
/// and a balanced subset of Fashion-MNIST, at a size a 2-core CPU trains in a few minutes.
/// </summary>
public sealed partial record TrainSpec
{
    /// <summary>The run's name; the run folder is <c>&lt;out&gt;/&lt;yyyyMMdd-HHmmss&gt;-&lt;name&gt;</c>.</summary>
    [Description("run name, the end of the run folder's name")]
    public string Name { get; init; } = "default";

    /// <summary>Dataset name (see <c>LowDim.Data.Datasets.Names</c>).</summary>
    [Description("mnist, fashion-mnist, cifar10, cifar100 or gaussian-mixture")]
    public string Dataset { get; init; } = "fashion-mnist";

    /// <summary>Where the dataset's files are; null searches LOWDIM_DATA, the standard places and ~/.lowdim/data.</summary>
    [Description("folder with the dataset's files; none searches LOWDIM_DATA, the standard places, ~/.lowdim/data/<name>")]
    public string? DataDir { get; init; }

    /// <summary>Training samples per class (a balanced subset); null uses the whole training split.</summary>
    [Description("balanced training subset: samples per class; none uses the whole training split")]
    public int? PerClass { get; init; } = 600;

    /// <summary>Replaces the training labels by uniformly random ones (the memorisation experiment).</summary>
    [Description("train on uniformly random labels (memorisation)")]
    public bool RandomLabels { get; init; }

    /// <summary>Normalises inputs by the training split's mean and standard deviation.</summary>
    [Description("normalise inputs by the training split's mean and std")]
    public bool Normalize { get; init; } = true;

    /// <summary>gaussian-mixture: the input dimension.</summary>
    [Description("gaussian-mixture: input dimension")]
    public int MixtureDim { get; init; } = 32;

    /// <summary>gaussian-mixture: the separation of the class centres.</summary>
    [Description("gaussian-mixture: separation of the class centres")]
    public double MixtureSeparation { get; init; } = 3.0;

    /// <summary>gaussian-mixture: the number of classes.</summary>
    [Description("gaussian-mixture: number of classes")]
    public int MixtureClasses { get; init; } = 10;

    /// <summary>gaussian-mixture: samples per class in each split.</summary>
    [Description("gaussian-mixture: samples per class in each split")]
    public int MixturePerClass { get; init; } = 500;

    /// <summary>Architecture: mlp, cnn or resnet18.</summary>
    [Description("mlp, cnn or resnet18")]
    public string Model { get; init; } = "mlp";

    /// <summary>MLP hidden widths, or the CNN's channels per block; null takes <see cref="DefaultWidths"/> of the model.</summary>
    [Description("mlp: hidden widths; cnn: channels per block; none: 512,512,512 for mlp, 32,64,128 for cnn")]
    public int[]? Widths { get; init; }

    /// <summary>BatchNorm after each hidden layer.</summary>
    [Description("BatchNorm after each hidden layer")]
    public bool BatchNorm { get; init; } = true;

    /// <summary>A bottleneck that sets the feature dimension d; null keeps the architecture's own.</summary>
    [Description("feature dimension d of a bottleneck before the head, e.g. the number of classes; none: no bottleneck")]
    public int? FeatureDim { get; init; }

    /// <summary>The classifier head: learned or etf (a fixed simplex ETF).</summary>
    [Description("learned, or etf: a fixed, untrained simplex ETF")]
    public string Head { get; init; } = "learned";

    /// <summary>Whether a learned head has a bias.</summary>
    [Description("learned head with a bias")]
    public bool HeadBias { get; init; } = true;

    /// <summary>Loss: ce, mse, focal or ls.</summary>
    [Description("ce, mse, focal or ls (label smoothing)")]
    public string Loss { get; init; } = "ce";

    /// <summary>Focal loss γ.</summary>
    [Description("focal: gamma")]
    public double FocalGamma { get; init; } = 2.0;

    /// <summary>Label smoothing α.</summary>
    [Description("ls: smoothing alpha")]
    public double Smoothing { get; init; } = 0.1;

    /// <summary>MSE: Hui &amp; Belkin's k, the weight of the true class's term.</summary>
    [Description("mse: Hui & Belkin's k (weight of the true class)")]
    public double MseScale { get; init; } = 1.0;

    /// <summary>MSE: Hui &amp; Belkin's M, the target value of the true class.</summary>
    [Description("mse: Hui & Belkin's M (target of the true class)")]
    public double MseTarget { get; init; } = 1.0;

    /// <summary>Optimizer: sgd, adam or adamw.</summary>
    [Description("sgd, adam or adamw")]
    public string Optimizer { get; init; } = "sgd";

    /// <summary>Initial learning rate.</summary>
    [Description("initial learning rate")]
    public double Lr { get; init; } = 0.05;

    /// <summary>SGD momentum.</summary>
    [Description("sgd: momentum")]
    public double Momentum { get; init; } = 0.9;

    /// <summary>SGD Nesterov momentum.</summary>
    [Description("sgd: Nesterov momentum")]
    public bool Nesterov { get; init; }

    /// <summary>Weight decay of the feature layers (and of the head unless <see cref="HeadWeightDecay"/> is set).</summary>
    [Description("weight decay")]
    public double WeightDecay { get; init; } = 5e-4;

    /// <summary>Weight decay of the head; null uses <see cref="WeightDecay"/>.</summary>
    [Description("weight decay of the head; none: --weight-decay")]
    public double? HeadWeightDecay { get; init; }

    /// <summary>Learning-rate schedule: constant, multistep or cosine.</summary>
    [Description("constant, multistep or cosine")]
    public string Schedule { get; init; } = "multistep";

    /// <summary>multistep: the epochs, as fractions of all epochs, after which the rate is multiplied by <see cref="Gamma"/>.</summary>
    [Description("multistep: milestones as fractions of the epochs")]
    public double[] Milestones { get; init; } = [1.0 / 3, 2.0 / 3];

    /// <summary>multistep: the factor at each milestone.</summary>
    [Description("multistep: factor at each milestone")]
    public double Gamma { get; init; } = 0.1;

    /// <summary>Epochs to train.</summary>
    [Description("epochs to train")]
    public int Epochs { get; init; } = 100;

    /// <summary>Samples per training step.</summary>
    [Description("samples per step")]
    public int BatchSize { get; init; } = 128;

    /// <summary>The seed of the weights, the data subset and the shuffling.</summary>
    [Description("seed of weights, data subset and shuffling")]
    public int Seed { get; init; }

    /// <summary>When to measure: log (log-spaced, as Papyan et al.), every, last, or a list of epochs such as 1,2,5,10.</summary>
    [Description("log, every, last, or epochs like 1,2,5,10 (the last epoch is always measured)")]
    public string MeasureAt { get; init; } = "log";

    /// <summary>Measures nc1 of every layer's output too (layer-wise collapse).</summary>
    [Description("measure every layer's output too")]
    public bool MeasureLayers { get; init; } = true;

    /// <summary>The global mean of the between-class statistics: class or sample.</summary>
    [Description("class (mean of class means) or sample (mean of all samples)")]
    public string GlobalMean { get; init; } = "class";

    /// <summary>Also writes TensorBoard event files (scalars) to the run's tensorboard/ folder.</summary>
    [Description("also write TensorBoard event files to the run's tensorboard/ folder")]
    public bool Tensorboard { get; init; }

    /// <summary>CPU threads; null uses one per core.</summary>
    [Description("CPU threads; none: one per core")]
    public int? Threads { get; init; }

    /// <summary>auto, cpu or cuda.</summary>
    [Description("auto, cpu or cuda")]
    public string Device { get; init; } = "auto";

    /// <summary>The widths a model gets when the spec names none.</summary>
    public static int[] DefaultWidths(string model) => model == "cnn" ? [32, 64, 128] : [512, 512, 512];

    /// <summary>The spec with every default that depends on other keys filled in, as a run's spec.json records it.</summary>
    public TrainSpec Resolved() => this with { Widths = Widths ?? DefaultWidths(Model) };

    /// <summary>The folder that holds the run folders.</summary>
    [Description("folder for run folders")]
    public string Out { get; init; } = "runs";
}
