using LowDim.Data;
using LowDim.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowDim.Training;

/// <summary>Builds optimisers with one parameter group for the features and one for the head, and saves their state.</summary>
public static class Optimizers
{
    /// <summary>
    /// Makes the optimiser: PyTorch's SGD (momentum, Nesterov, dampening 0; computed in place, see <see cref="InPlaceSgd"/>), Adam or AdamW, with two parameter
    /// groups: the feature parameters with <see cref="OptimizerOptions.WeightDecay"/>, then the head's parameters
    /// (when it is trainable) with <see cref="OptimizerOptions.HeadWeightDecay"/>. Every option of each group is
    /// set explicitly, so no group falls back to a constructor default.
    /// </summary>
    /// <exception cref="InvalidInputException">An unknown kind or an option out of range.</exception>
    public static optim.Optimizer Create(OptimizerOptions options, Classifier model)
    {
        Check(options);
        double headDecay = options.HeadWeightDecay ?? options.WeightDecay;
        Parameter[] features = [.. model.FeatureParameters()];
        Parameter[] head = model.Head.IsTrainable ? [.. model.HeadParameters()] : [];
        var groups = new List<(Parameter[] Parameters, double WeightDecay)> { (features, options.WeightDecay) };
        if (head.Length > 0) groups.Add((head, headDecay));
        double rate = options.LearningRate;
        switch (options.Kind.Trim().ToLowerInvariant())
        {
            case "sgd":
                return new InPlaceSgd(
                    groups.Select(group => new SGD.ParamGroup(group.Parameters, new SGD.Options
                    {
                        LearningRate = rate, momentum = options.Momentum, dampening = 0, weight_decay = group.WeightDecay,
                        nesterov = options.Nesterov, maximize = false,
                    })),
                    rate, options.Momentum, options.WeightDecay, options.Nesterov);
            case "adam":
                return new Adam(
                    groups.Select(group => new Adam.ParamGroup(group.Parameters, new Adam.Options
                    {
                        LearningRate = rate, beta1 = options.Beta1, beta2 = options.Beta2, eps = options.Epsilon,
                        weight_decay = group.WeightDecay, amsgrad = false, maximize = false,
                    })),
                    rate, options.Beta1, options.Beta2, options.Epsilon, options.WeightDecay);
            case "adamw":
                return new AdamW(
                    groups.Select(group => new AdamW.ParamGroup(group.Parameters, new AdamW.Options
                    {
                        LearningRate = rate, beta1 = options.Beta1, beta2 = options.Beta2, eps = options.Epsilon,
                        weight_decay = group.WeightDecay, amsgrad = false, maximize = false,
                    })),
                    rate, options.Beta1, options.Beta2, options.Epsilon, options.WeightDecay);
            default:
                throw new InvalidInputException($"--optimizer must be sgd, adam or adamw, not '{options.Kind}'");
        }
    }

    /// <summary>Sets the learning rate of every parameter group.</summary>
    public static void SetLearningRate(optim.Optimizer optimizer, double learningRate)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = learningRate;
    }

    /// <summary>
    /// Saves the optimiser's state (each group's options, momentum buffers, Adam's moments and step counts) in
    /// TorchSharp's optimiser format, atomically: a crash never leaves a partial file at <paramref name="path"/>.
    /// </summary>
    /// <exception cref="DataFileException">The file cannot be written.</exception>
    public static void SaveState(optim.Optimizer optimizer, string path)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            Helper(optimizer).save_state_dict(writer);
        }
        byte[] bytes = buffer.ToArray();
        DataFiles.WriteAtomically(path, bytes.Length, file => RandomAccess.Write(file, bytes, 0));
    }

    /// <summary>
    /// Loads a state saved by <see cref="SaveState"/> into an optimiser made the same way for the same model, so
    /// that training continues exactly where it stopped.
    /// </summary>
    /// <exception cref="DataFileException">The file is missing, unreadable, or holds another optimiser's state.</exception>
    public static void LoadState(optim.Optimizer optimizer, string path)
    {
        var helper = Helper(optimizer);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataFileException(path, "file not found", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw DataFiles.CannotRead(path, e);
        }
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes));
            helper.load_state_dict(reader);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or EndOfStreamException or IOException)
        {
            throw new DataFileException(path, $"not the state of this optimizer: {e.Message}", e);
        }
        // Momentum buffers that did not exist before the load are new tensors; keep them out of any dispose scope
        // the caller is in, as the optimiser owns them.
        foreach (var state in helper.state_dict().State)
        {
            if (state is SGD.State { momentum_buffer: { } momentum }) momentum.DetachFromDisposeScope();
        }
    }

    private static OptimizerHelper Helper(optim.Optimizer optimizer) =>
        optimizer as OptimizerHelper
        ?? throw new ArgumentException($"cannot save or load the state of a {optimizer.GetType().Name}", nameof(optimizer));

    private static void Check(OptimizerOptions options)
    {
        if (!(options.LearningRate > 0) || double.IsInfinity(options.LearningRate))
            throw new InvalidInputException($"--lr must be a finite number > 0, got {options.LearningRate}");
        if (!(options.Momentum >= 0 && options.Momentum < 1))
            throw new InvalidInputException($"--momentum must be in [0, 1), got {options.Momentum}");
        if (options.Nesterov && options.Momentum == 0)
            throw new InvalidInputException("--nesterov needs a momentum > 0");
        foreach (var (name, decay) in new[] { ("--weight-decay", options.WeightDecay), ("--head-weight-decay", options.HeadWeightDecay ?? 0) })
        {
            if (!(decay >= 0) || double.IsInfinity(decay)) throw new InvalidInputException($"{name} must be a finite number ≥ 0, got {decay}");
        }
        if (!(options.Beta1 >= 0 && options.Beta1 < 1)) throw new InvalidInputException($"--beta1 must be in [0, 1), got {options.Beta1}");
        if (!(options.Beta2 >= 0 && options.Beta2 < 1)) throw new InvalidInputException($"--beta2 must be in [0, 1), got {options.Beta2}");
        if (!(options.Epsilon > 0)) throw new InvalidInputException($"--epsilon must be > 0, got {options.Epsilon}");
    }
}
