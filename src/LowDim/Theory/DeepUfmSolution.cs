namespace LowDim.Theory;

/// <summary>
/// A solved deep UFM: the final point, how the solver stopped, each layer's neural collapse and spectra, the
/// spectrum of the end-to-end product of the weights, and nc1 of every layer along the way.
/// </summary>
public sealed class DeepUfmSolution : ISolvedStart<DeepUfmTraceRow>
{
    /// <summary>Creates the solution; it owns <paramref name="point"/>.</summary>
    public DeepUfmSolution(
        DeepUfmProblem problem, DeepUfmPoint point, MinimizerResult result, string stopDescription, IReadOnlyList<DeepUfmLayer> layers,
        double[] endToEndSingularValues, IReadOnlyList<DeepUfmTraceRow> trace, double seconds)
    {
        Problem = problem;
        Point = point;
        Result = result;
        StopDescription = stopDescription;
        Layers = layers;
        EndToEndSingularValues = endToEndSingularValues;
        Trace = trace;
        Seconds = seconds;
    }

    /// <summary>The problem solved.</summary>
    public DeepUfmProblem Problem { get; }

    /// <summary>The final (H_1, W_1..W_L, b).</summary>
    public DeepUfmPoint Point { get; }

    /// <summary>The final objective, gradient norm, iteration count and stop reason.</summary>
    public MinimizerResult Result { get; }

    /// <summary>Why the solver stopped, in words.</summary>
    public string StopDescription { get; }

    /// <summary>f at the final point.</summary>
    public double Objective => Result.Final.Value;

    /// <summary>‖∇f‖₂ at the final point.</summary>
    public double GradientNorm => Result.Final.GradientNorm;

    /// <summary>Iterations done.</summary>
    public int Iterations => Result.Final.Iteration;

    /// <summary>Layers 1..L of the final point, in order: the NC metrics and spectra of H_l and of W_l.</summary>
    public IReadOnlyList<DeepUfmLayer> Layers { get; }

    /// <summary>
    /// The singular values of the product W_L ⋯ W_1 (K × d_1), descending, in float64. For a linear deep UFM
    /// this is the network's map from H_1 to the logits; with ReLU it is only the product of the weights, not the
    /// network, whose ReLUs can raise the rank above that of the product.
    /// </summary>
    public double[] EndToEndSingularValues { get; }

    /// <summary>The measured iterations, the start and the end included.</summary>
    public IReadOnlyList<DeepUfmTraceRow> Trace { get; }

    /// <summary>Seconds the solver ran, measurement excluded.</summary>
    public double Seconds { get; }

    /// <inheritdoc/>
    public void Dispose() => Point.Dispose();
}
