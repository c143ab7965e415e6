using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Theory;

/// <summary>
/// The shape of a UFM point that theory predicts: norms of W, H and b, the lengths of the class means and of W's
/// rows, the singular values of the class means, and the Gram matrix of W.
/// </summary>
/// <param name="WeightNorm">‖W‖_F.</param>
/// <param name="FeatureNorm">‖H‖_F.</param>
/// <param name="BiasNorm">‖b‖₂, or null without a bias.</param>
/// <param name="ClassMeanNorms">‖h̄_k‖ of each class mean (not centred), in class order.</param>
/// <param name="ClassifierRowNorms">‖w_k‖ of each row of W.</param>
/// <param name="ClassMeanSingularValues">The singular values of the d × K matrix of class means, descending.</param>
/// <param name="ClassMeanRank">The number of those above 1e-6 of the largest (0 when all class means are 0).</param>
/// <param name="WeightGram">W Wᵀ (K × K), row-major.</param>
/// <param name="ClassMeanMaxCosine">
/// max over k ≠ k' of |cos(h̄_k, h̄_k')| of the class means, not centred: 0 when they are orthogonal (the bias-free
/// square loss), 1/(K − 1) for a simplex ETF centred at the origin; NaN when a class mean is 0.
/// </param>
public sealed record UfmGeometry(
    double WeightNorm, double FeatureNorm, double? BiasNorm, IReadOnlyList<double> ClassMeanNorms, IReadOnlyList<double> ClassifierRowNorms,
    IReadOnlyList<double> ClassMeanSingularValues, int ClassMeanRank, double[,] WeightGram, double ClassMeanMaxCosine)
{
    /// <summary>The relative cutoff of <see cref="ClassMeanRank"/>: solutions converged to a gradient norm of 1e-10 resolve singular values far below it.</summary>
    public const double RankCutoff = 1e-6;

    /// <summary>Measures the geometry of <paramref name="point"/>, whose samples are ordered by class as <paramref name="problem"/> says.</summary>
    public static UfmGeometry Of(UfmProblem problem, UfmPoint point)
    {
        using var scope = NewDisposeScope();
        var w = point.Weight.to(ScalarType.Float64);
        var h = point.Features.to(ScalarType.Float64);
        var means = new Tensor[problem.Classes];
        long at = 0;
        for (int k = 0; k < problem.Classes; k++)
        {
            means[k] = h.narrow(0, at, problem.ClassSizes[k]).mean([0]);
            at += problem.ClassSizes[k];
        }
        var classMeans = stack(means, 1);
        double[] singular = Spectrum.SingularValues(classMeans);
        int rank = Spectrum.Rank(singular, RankCutoff);
        var unit = classMeans / classMeans.square().sum([0], keepdim: true).sqrt();
        var cosines = unit.t().mm(unit).abs().sub_(eye(problem.Classes, dtype: ScalarType.Float64, device: unit.device));
        double maxCosine = cosines.max().ToDouble();
        var gram = w.mm(w.t());
        int kk = problem.Classes;
        var gramValues = gram.data<double>().ToArray();
        var weightGram = new double[kk, kk];
        for (int i = 0; i < kk; i++)
            for (int j = 0; j < kk; j++) weightGram[i, j] = gramValues[i * kk + j];
        return new UfmGeometry(
            w.norm().ToDouble(),
            h.norm().ToDouble(),
            point.Bias is null ? null : point.Bias.to(ScalarType.Float64).norm().ToDouble(),
            classMeans.square().sum([0]).sqrt().data<double>().ToArray(),
            w.square().sum([1]).sqrt().data<double>().ToArray(),
            singular,
            rank,
            weightGram,
            maxCosine);
    }
}
