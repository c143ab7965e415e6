using System.Globalization;
using LowDim.Training;
using static TorchSharp.torch;

namespace LowDim.Theory;

/// <summary>What the UFM and the deep UFM check, describe and build alike: classes, weight decays, labels, start points.</summary>
internal static class ProblemParts
{
    /// <summary>Checks K, the class sizes, N × <paramref name="widest"/>, the dtype and the loss.</summary>
    /// <exception cref="InvalidInputException">The first of them out of range, in one line.</exception>
    public static void CheckClasses(int classes, IReadOnlyList<int> sizes, int widest, ScalarType dtype, LossOptions loss)
    {
        if (classes < 2) throw new InvalidInputException($"--classes must be at least 2, got {classes}");
        if (sizes.Count != classes)
            throw new InvalidInputException($"--class-sizes lists {sizes.Count} sizes for {classes} classes");
        if (sizes.Any(n => n < 1))
            throw new InvalidInputException($"every class needs at least one sample, got sizes {string.Join(",", sizes)}");
        long samples = sizes.Sum(n => (long)n);
        if (samples * Math.Max(widest, classes) > int.MaxValue)
            throw new InvalidInputException($"N × max(d, K) must stay below 2^31, got N = {samples}");
        if (dtype is not (ScalarType.Float64 or ScalarType.Float32))
            throw new InvalidInputException($"--dtype must be float32 or float64, got {dtype}");
        ClassificationLoss.Create(loss);
    }

    /// <summary>Checks one weight decay.</summary>
    /// <exception cref="InvalidInputException">A negative or infinite value, or NaN.</exception>
    public static void CheckLambda(string option, double value)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new InvalidInputException($"{option} must be a finite number ≥ 0, got {value.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>The labels (N, int64) of samples ordered by class: n_0 zeros, then n_1 ones, and so on.</summary>
    public static Tensor Labels(IReadOnlyList<int> sizes, Device? device)
    {
        var labels = new long[sizes.Sum()];
        int at = 0;
        for (int k = 0; k < sizes.Count; k++)
            for (int i = 0; i < sizes[k]; i++) labels[at++] = k;
        return tensor(labels, device: device);
    }

    /// <summary>The class sizes in a problem's description: <c>n = 50</c>, or the list when they differ.</summary>
    public static string Sizes(IReadOnlyList<int> sizes) =>
        sizes.All(n => n == sizes[0]) ? $"n = {sizes[0]}" : $"n = {string.Join(",", sizes)}";

    /// <summary>A number in a problem's description (four significant digits).</summary>
    public static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>Checks a start point tensor's shape.</summary>
    /// <exception cref="InvalidInputException">Another shape, named.</exception>
    public static void CheckShape(string name, Tensor tensor, long[] shape)
    {
        if (!tensor.shape.SequenceEqual(shape))
            throw new InvalidInputException($"{name} must have shape [{string.Join(", ", shape)}], got [{string.Join(", ", tensor.shape)}]");
    }

    /// <summary>Checks that a start point has a bias (K) exactly when its problem does.</summary>
    /// <exception cref="InvalidInputException">A missing, unexpected or misshapen bias.</exception>
    public static void CheckBias(bool problemHasBias, Tensor? bias, int classes)
    {
        if (problemHasBias != bias is not null)
            throw new InvalidInputException(problemHasBias ? "the start point has no bias but the problem has one" : "the start point has a bias but the problem has none");
        if (bias is not null) CheckShape("b", bias, [classes]);
    }

    /// <summary>The tensors, detached, in <paramref name="dtype"/>, one after another in one flat vector.</summary>
    public static Tensor Flatten(IEnumerable<Tensor> tensors, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var parts = tensors.Select(t => t.detach().to(dtype).reshape(-1)).ToArray();
        return cat(parts, 0).MoveToOuterDisposeScope();
    }
}
