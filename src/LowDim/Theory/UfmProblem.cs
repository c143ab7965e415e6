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
        if (Dim < 1) throw new InvalidInputException($"--dim must be at least 1, got {Dim}");
        ProblemParts.CheckClasses(Classes, ClassSizes, Dim, DType, Loss);
        ProblemParts.CheckLambda("--lambda-w", LambdaW);
        ProblemParts.CheckLambda("--lambda-h", LambdaH);
        ProblemParts.CheckLambda("--lambda-b", LambdaB);
    }

    /// <summary>The labels y_i (N, int64): n_0 zeros, then n_1 ones, and so on.</summary>
    public Tensor Labels(Device? device = null) => ProblemParts.Labels(ClassSizes, device);

    /// <summary>A one-line description, for example <c>ce, K = 10, d = 64, n = 50, λ_W = λ_H = 5e-4, λ_b = 5e-4</c>.</summary>
    public string Describe()
    {
        string bias = Bias ? $", λ_b = {ProblemParts.Number(LambdaB)}" : ", no bias";
        return $"{Loss.Kind}, K = {Classes}, d = {Dim}, {ProblemParts.Sizes(ClassSizes)}, λ_W = {ProblemParts.Number(LambdaW)}, λ_H = {ProblemParts.Number(LambdaH)}{bias}";
    }
}
