using LowDim.Measurement;

namespace LowDim.Theory;

/// <summary>A solved UFM: the final point, how the solver stopped, and the NC metrics along the way.</summary>
public sealed class UfmSolution : ISolvedStart<UfmTraceRow>
{
    /// <summary>Creates the solution; it owns <paramref name="point"/>.</summary>
    public UfmSolution(UfmProblem problem, UfmPoint point, MinimizerResult result, string stopDescription, NeuralCollapseMetrics metrics, IReadOnlyList<UfmTraceRow> trace, double seconds)
    {
        Problem = problem;
        Point = point;
        Result = result;
        StopDescription = stopDescription;
        Metrics = metrics;
        Trace = trace;
        Seconds = seconds;
    }

    /// <summary>The problem solved.</summary>
    public UfmProblem Problem { get; }

    /// <summary>The final (W, H, b).</summary>
    public UfmPoint Point { get; }

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

    /// <summary>The NC metrics of the final point.</summary>
    public NeuralCollapseMetrics Metrics { get; }

    /// <summary>The measured iterations, the start and the end included.</summary>
    public IReadOnlyList<UfmTraceRow> Trace { get; }

    /// <summary>Seconds the solver ran, measurement excluded.</summary>
    public double Seconds { get; }

    /// <inheritdoc/>
    public void Dispose() => Point.Dispose();
}
