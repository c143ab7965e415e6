namespace LowDim.Experiments;

public sealed partial record TrainSpec
{
    private static readonly string[] Models = ["mlp", "cnn", "resnet18"];
    private static readonly string[] Heads = ["learned", "etf"];
    private static readonly string[] Losses = ["ce", "mse", "focal", "ls"];
    private static readonly string[] Optimizers = ["sgd", "adam", "adamw"];
    private static readonly string[] Schedules = ["constant", "multistep", "cosine"];
    private static readonly string[] GlobalMeans = ["class", "sample"];

    /// <summary>
    /// Checks every setting that can be checked without data, so that a bad spec fails before anything runs.
    /// </summary>
    /// <exception cref="InvalidInputException">The first setting that is out of range, named as its command-line option.</exception>
    public void Validate()
    {
        OneOf("--model", Model, Models);
        OneOf("--head", Head, Heads);
        OneOf("--loss", Loss, Losses);
        OneOf("--optimizer", Optimizer, Optimizers);
        OneOf("--schedule", Schedule, Schedules);
        OneOf("--global-mean", GlobalMean, GlobalMeans);
        if (string.IsNullOrWhiteSpace(Name) || Name.IndexOfAny([.. Path.GetInvalidFileNameChars(), ' ']) >= 0)
            throw new InvalidInputException($"--name must be a non-empty file name without spaces or slashes, not '{Name}'");
        Positive("--epochs", Epochs);
        Positive("--batch-size", BatchSize);
        if (PerClass is { } perClass) Positive("--per-class", perClass);
        if (FeatureDim is { } featureDim) Positive("--feature-dim", featureDim);
        if (Threads is { } threads) Positive("--threads", threads);
        Positive("--mixture-dim", MixtureDim);
        Positive("--mixture-per-class", MixturePerClass);
        if (MixtureClasses < 2) throw new InvalidInputException($"--mixture-classes must be at least 2, got {MixtureClasses}");
        if (Widths is { } widths && (widths.Length == 0 || widths.Any(w => w < 1)))
            throw new InvalidInputException($"--widths must be positive whole numbers, got {string.Join(",", widths)}");
        if (!(Lr > 0)) throw new InvalidInputException($"--lr must be positive, got {Lr}");
        NonNegative("--momentum", Momentum);
        NonNegative("--weight-decay", WeightDecay);
        if (HeadWeightDecay is { } headDecay) NonNegative("--head-weight-decay", headDecay);
        NonNegative("--focal-gamma", FocalGamma);
        NonNegative("--mse-scale", MseScale);
        if (!(Smoothing >= 0 && Smoothing < 1)) throw new InvalidInputException($"--smoothing must be in [0, 1), got {Smoothing}");
        if (!(MixtureSeparation >= 0)) throw new InvalidInputException($"--mixture-separation must be non-negative, got {MixtureSeparation}");
        if (Milestones.Any(m => !(m > 0 && m < 1)))
            throw new InvalidInputException($"--milestones must be fractions of the epochs between 0 and 1, got {string.Join(",", Milestones)}");
        if (!(Gamma > 0)) throw new InvalidInputException($"--gamma must be positive, got {Gamma}");
        if (Nesterov && !(Momentum > 0)) throw new InvalidInputException("--nesterov needs --momentum above 0");
        if (Head == "etf" && HeadWeightDecay is not null)
            throw new InvalidInputException("--head-weight-decay has no effect with --head etf: the ETF head is not trained");
        MeasureSchedule.Parse(MeasureAt, Epochs);
        TorchRuntime.CheckDeviceName(Device);
        if (string.IsNullOrWhiteSpace(Out)) throw new InvalidInputException("--out must name a folder");
    }

    private static void OneOf(string option, string value, string[] allowed)
    {
        if (!allowed.Contains(value)) throw new InvalidInputException($"{option} must be {string.Join(", ", allowed[..^1])} or {allowed[^1]}, not '{value}'");
    }

    private static void Positive(string option, int value)
    {
        if (value < 1) throw new InvalidInputException($"{option} must be at least 1, got {value}");
    }

    private static void NonNegative(string option, double value)
    {
        if (!(value >= 0)) throw new InvalidInputException($"{option} must be non-negative, got {value}");
    }
}
