using System.Globalization;
using LowDim.Training;
using static TorchSharp.torch;

namespace LowDim.Theory;

/// <summary>
/// The unconstrained features model (UFM) of Mixon et al. 2020 and Zhu et al. 2021: the last-layer features
/// H = [h_1 … h_N] are free variables, and the problem is
/// min over W, H, b of (1/N) Σ_i L(W h_i + b, y_i) + λ_W/2 ‖W‖²_F + λ_H/2 ‖H‖²_F + λ_b/2 ‖b‖².
/// </summary>
/// <remarks>
/// L is one of the training losses of <see cref="ClassificationLoss.Create"/> (CE, focal, label smoothing, or the
/// square loss with Hui &amp; Belkin's k and M), so the UFM and the trainer share one definition of every loss. The
/// samples are ordered by class: the first n_0 have label 0, the next n_1 label 1, and so on.
/// </remarks>
public sealed record UfmProblem
{
    /// <summary>The loss L and its parameters.</summary>
    public LossOptions Loss { get; init; } = new();

    /// <summary>K ≥ 2, the number of classes.</summary>
    public required int Classes { get; init; }

    /// <summary>d ≥ 1, the feature dimension.</summary>
    public required int Dim { get; init; }

    /// <summary>n_k ≥ 1 for each of the K classes.</summary>
    public required IReadOnlyList<int> ClassSizes { get; init; }

    /// <summary>λ_W ≥ 0, the weight decay of the classifier.</summary>
    public double LambdaW { get; init; } = 5e-4;

    /// <summary>λ_H ≥ 0, the weight decay of the features.</summary>
    public double LambdaH { get; init; } = 5e-4;

    /// <summary>λ_b ≥ 0, the weight decay of the bias (unused without a bias).</summary>
    public double LambdaB { get; init; } = 5e-4;

    /// <summary>Whether the classifier has a bias b; without one, b = 0 is fixed.</summary>
    public bool Bias { get; init; } = true;

    /// <summary>The dtype of W, H and b: float64 (the default, for checks against theory) or float32.</summary>
    public ScalarType DType { get; init; } = ScalarType.Float64;

    /// <summary>N = Σ_k n_k.</summary>
    public int Samples => ClassSizes.Sum();

    /// <summary>Whether every class has the same number of samples.</summary>
    public bool IsBalanced => ClassSizes.All(n => n == ClassSizes[0]);

    /// <summary>A problem with <paramref name="perClass"/> samples in each of <paramref name="classes"/> classes.</summary>
    public static UfmProblem Balanced(int classes, int dim, int perClass) =>
        new() { Classes = classes, Dim = dim, ClassSizes = Enumerable.Repeat(perClass, Math.Max(classes, 0)).ToArray() };

    /// <summary>Checks every field and the loss's parameters.</summary>
    /// <exception cref="InvalidInputException">The first field out of range, in one line.</exception>
    public void Validate()
    {
        if (Classes < 2) throw new InvalidInputException($"--classes must be at least 2, got {Classes}");
        if (Dim < 1) throw new InvalidInputException($"--dim must be at least 1, got {Dim}");
        if (ClassSizes.Count != Classes)
            throw new InvalidInputException($"--class-sizes lists {ClassSizes.Count} sizes for {Classes} classes");
        if (ClassSizes.Any(n => n < 1))
            throw new InvalidInputException($"every class needs at least one sample, got sizes {string.Join(",", ClassSizes)}");
        if ((long)ClassSizes.Sum(n => (long)n) * Math.Max(Dim, Classes) > int.MaxValue)
            throw new InvalidInputException($"N × max(d, K) must stay below 2^31, got N = {ClassSizes.Sum(n => (long)n)}");
        CheckLambda("--lambda-w", LambdaW);
        CheckLambda("--lambda-h", LambdaH);
        CheckLambda("--lambda-b", LambdaB);
        if (DType is not (ScalarType.Float64 or ScalarType.Float32))
            throw new InvalidInputException($"--dtype must be float32 or float64, got {DType}");
        ClassificationLoss.Create(Loss);
    }

    /// <summary>The labels y_i (N, int64): n_0 zeros, then n_1 ones, and so on.</summary>
    public Tensor Labels(Device? device = null)
    {
        var labels = new long[Samples];
        int at = 0;
        for (int k = 0; k < Classes; k++)
            for (int i = 0; i < ClassSizes[k]; i++) labels[at++] = k;
        return tensor(labels, device: device);
    }

    /// <summary>A one-line description, for example <c>ce, K = 10, d = 64, n = 50, λ_W = λ_H = 5e-4, λ_b = 5e-4</c>.</summary>
    public string Describe()
    {
        string sizes = IsBalanced ? $"n = {ClassSizes[0]}" : $"n = {string.Join(",", ClassSizes)}";
        string bias = Bias ? $", λ_b = {Number(LambdaB)}" : ", no bias";
        return $"{Loss.Kind}, K = {Classes}, d = {Dim}, {sizes}, λ_W = {Number(LambdaW)}, λ_H = {Number(LambdaH)}{bias}";
    }

    private static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private static void CheckLambda(string option, double value)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new InvalidInputException($"{option} must be a finite number ≥ 0, got {value.ToString(CultureInfo.InvariantCulture)}");
    }
}
