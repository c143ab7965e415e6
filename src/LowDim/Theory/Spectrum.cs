using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Theory;

/// <summary>Singular values and numerical ranks, as the UFM and deep UFM report them.</summary>
public static class Spectrum
{
    /// <summary>The singular values of a matrix, descending, computed in float64.</summary>
    public static double[] SingularValues(Tensor matrix)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return linalg.svdvals(matrix.detach().to(ScalarType.Float64)).cpu().data<double>().ToArray();
    }

    /// <summary>How many of the descending <paramref name="singularValues"/> exceed <paramref name="relativeTolerance"/> times the largest (0 when the largest is 0).</summary>
    public static int Rank(IReadOnlyList<double> singularValues, double relativeTolerance)
    {
        if (singularValues.Count == 0 || !(singularValues[0] > 0)) return 0;
        double cutoff = relativeTolerance * singularValues[0];
        return singularValues.Count(s => s > cutoff);
    }
}
