using LowDim.Training;
using static TorchSharp.torch;

namespace LowDim.Theory;

/// <summary>
/// The deep unconstrained features model (deep UFM) of Tirer &amp; Bruna 2022 and Súkeník, Mondelli &amp; Lampert
/// 2023: free features H_1 (d_1 × N) followed by L layers, H_{l+1} = σ(W_l H_l) for l = 1..L−1 and logits
/// Z = W_L H_L (+ b 1ᵀ), with the problem
/// min (1/N) Σ_i L(z_i, y_i) + Σ_l λ_{W_l}/2 ‖W_l‖²_F + λ_H/2 ‖H_1‖²_F + λ_b/2 ‖b‖².
/// </summary>
/// <remarks>
/// <para>
/// W_l is d_{l+1} × d_l for l &lt; L and W_L is K × d_L; σ is the identity (a deep linear UFM) or the ReLU, and
/// there is no activation after the last layer. L = 1 is the plain UFM of <see cref="UfmProblem"/>. Features are
/// stored as rows (N × d_l), as in the UFM, and the samples are ordered by class.
/// </para>
/// <para>
/// L is one of the training losses of <see cref="ClassificationLoss.Create"/>. The library's square loss is
/// (1/(N K)) ‖Z − Y‖²_F, while the deep UFM papers write (1/(2N)) ‖Z − Y‖²_F: a paper's problem with weight
/// decays λ is this problem with weight decays 2λ/K (the objectives differ by the factor K/2).
/// </para>
/// </remarks>
public sealed record DeepUfmProblem
{
    /// <summary>The loss L and its parameters.</summary>
    public LossOptions Loss { get; init; } = new();

    /// <summary>K ≥ 2, the number of classes.</summary>
    public required int Classes { get; init; }

    /// <summary>n_k ≥ 1 for each of the K classes.</summary>
    public required IReadOnlyList<int> ClassSizes { get; init; }

    /// <summary>The widths d_1..d_L, each ≥ 1: d_1 is the dimension of the free features H_1, d_l the input width of layer l.</summary>
    public required IReadOnlyList<int> Widths { get; init; }

    /// <summary><c>linear</c> (σ = identity) or <c>relu</c> (σ = max(·, 0)), applied after layers 1..L−1.</summary>
    public string Activation { get; init; } = "relu";

    /// <summary>λ_H ≥ 0, the weight decay of the free features H_1.</summary>
    public double LambdaH { get; init; } = 5e-4;

    /// <summary>λ_{W_l} ≥ 0: one value for every layer, or L values, one per layer.</summary>
    public IReadOnlyList<double> LambdaW { get; init; } = [5e-4];

    /// <summary>λ_b ≥ 0, the weight decay of the bias (unused without a bias).</summary>
    public double LambdaB { get; init; } = 5e-4;

    /// <summary>Whether the last layer has a bias b; off by default, as in the deep UFM papers.</summary>
    public bool Bias { get; init; }

    /// <summary>The dtype of H_1, the W_l and b: float64 (the default, for checks against theory) or float32.</summary>
    public ScalarType DType { get; init; } = ScalarType.Float64;

    /// <summary>L, the number of layers (weight matrices).</summary>
    public int Layers => Widths.Count;

    /// <summary>N = Σ_k n_k.</summary>
    public int Samples => ClassSizes.Sum();

    /// <summary>Whether every class has the same number of samples.</summary>
    public bool IsBalanced => ClassSizes.All(n => n == ClassSizes[0]);

    /// <summary>Whether σ is the ReLU (else the identity).</summary>
    public bool UsesRelu => Activation.Trim().Equals("relu", StringComparison.OrdinalIgnoreCase);

    /// <summary>A problem with <paramref name="perClass"/> samples in each of <paramref name="classes"/> classes.</summary>
    public static DeepUfmProblem Balanced(int classes, IReadOnlyList<int> widths, int perClass) =>
        new() { Classes = classes, Widths = widths, ClassSizes = Enumerable.Repeat(perClass, Math.Max(classes, 0)).ToArray() };

    /// <summary>λ_{W_l} of layer l = <paramref name="layer"/> + 1.</summary>
    /// <param name="layer">0-based: 0 is W_1, L − 1 is W_L.</param>
    public double LambdaWOf(int layer) => LambdaW.Count == 1 ? LambdaW[0] : LambdaW[layer];

    /// <summary>The shape of W_l for l = <paramref name="layer"/> + 1: (d_{l+1}, d_l), or (K, d_L) for the last layer.</summary>
    public long[] WeightShape(int layer) => [layer == Layers - 1 ? Classes : Widths[layer + 1], Widths[layer]];

    /// <summary>Checks every field and the loss's parameters.</summary>
    /// <exception cref="InvalidInputException">The first field out of range, in one line.</exception>
    public void Validate()
    {
        if (Classes < 2) throw new InvalidInputException($"--classes must be at least 2, got {Classes}");
        if (Widths.Count < 1) throw new InvalidInputException("--widths must list at least one width (d_1 of the features)");
        if (Widths.Any(d => d < 1))
            throw new InvalidInputException($"every width must be at least 1, got {string.Join(",", Widths)}");
        ProblemParts.CheckClasses(Classes, ClassSizes, Widths.Max(), DType, Loss);
        if (!UsesRelu && !Activation.Trim().Equals("linear", StringComparison.OrdinalIgnoreCase))
            throw new InvalidInputException($"--activation must be linear or relu, not '{Activation}'");
        ProblemParts.CheckLambda("--lambda-h", LambdaH);
        if (LambdaW.Count != 1 && LambdaW.Count != Layers)
            throw new InvalidInputException($"--lambda-w needs one value or {Layers} (one per layer), got {LambdaW.Count}");
        foreach (double lambda in LambdaW) ProblemParts.CheckLambda("--lambda-w", lambda);
        ProblemParts.CheckLambda("--lambda-b", LambdaB);
    }

    /// <summary>The labels y_i (N, int64): n_0 zeros, then n_1 ones, and so on.</summary>
    public Tensor Labels(Device? device = null) => ProblemParts.Labels(ClassSizes, device);

    /// <summary>
    /// A one-line description, for example
    /// <c>mse, K = 4, n = 5, L = 3 relu layers, widths 16,16,16, λ_H = 1e-3, λ_W = 1e-3, no bias</c>.
    /// </summary>
    public string Describe()
    {
        string activation = UsesRelu ? "relu" : "linear";
        string lambdaW = string.Join(",", LambdaW.Select(ProblemParts.Number));
        string bias = Bias ? $", λ_b = {ProblemParts.Number(LambdaB)}" : ", no bias";
        return $"{Loss.Kind}, K = {Classes}, {ProblemParts.Sizes(ClassSizes)}, L = {Layers} {activation} layer{(Layers == 1 ? "" : "s")}, "
            + $"widths {string.Join(",", Widths)}, λ_H = {ProblemParts.Number(LambdaH)}, λ_W = {lambdaW}{bias}";
    }
}
