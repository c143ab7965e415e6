using LowDim.Theory;
using LowDim.Training;

namespace LowDim.Tests.Theory;

public sealed class UfmStudyTests
{
    [Fact]
    public void TheLandscapeVerdictComparesEveryStartWithTheBest()
    {
        var same = new UfmLandscapeResult([1.0, 1.0 + 5e-9, 1.0 - 1e-9], [0, 0, 0], 1e-8);
        var spurious = new UfmLandscapeResult([1.0, 1.5, 1.0], [0, 0, 0], 1e-8);

        Assert.True(same.SameObjective);
        Assert.Equal(1.0 - 1e-9, same.Best);
        Assert.Contains("no spurious local minimum found", same.Verdict);
        Assert.False(spurious.SameObjective);
        Assert.Equal(1, spurious.Higher);
        Assert.Equal(0.5, spurious.Spread, 15);
        Assert.StartsWith("1 of 3 starts end above the best", spurious.Verdict);
    }

    [Fact]
    public void AStudyFindsTheClosedFormTheSaddleAndTheGeometry()
    {
        var problem = UfmProblem.Balanced(4, 8, 5) with { LambdaW = 1e-2, LambdaH = 1e-2, LambdaB = 1e-2 };
        var spec = new UfmStudySpec { Problem = problem, Seeds = 3, Hessian = true };
        using var result = UfmStudy.Run(spec);

        Assert.True(result.GlobalOptimum);
        Assert.True(result.Landscape.SameObjective);
        Assert.Equal(3, result.Landscape.SeedTraces.Count);
        // Balanced CE at W = 0, H = 0: smallest eigenvalue λ − ‖(softmax(0) − Y)/N‖₂ = λ − 1/(K√n) (see HessianSpectrumTests).
        Assert.Equal(1e-2 - 1 / (4 * Math.Sqrt(5)), result.ZeroHessian!.Smallest, 1e-8);
        // A simplex ETF with b = 0 has class means of rank K − 1 and pairwise cosines −1/(K − 1).
        Assert.Equal(3, result.Geometry.ClassMeanRank);
        Assert.Equal(1.0 / 3, result.Geometry.ClassMeanMaxCosine, 6);
        Assert.Equal(result.Prediction.WeightNorm!.Value, result.Geometry.WeightNorm, 6);
    }

    [Theory]
    [InlineData("ce", true, new[] { 5, 5, 5, 5 })]
    [InlineData("focal", true, new[] { 5, 5, 5, 5 })]
    [InlineData("ls", true, new[] { 5, 5, 5, 5 })]
    [InlineData("mse", true, new[] { 5, 5, 5, 5 })]
    [InlineData("mse", false, new[] { 9, 6, 3, 2 })]
    public void TheSolversOptimumIsTheClosedFormInObjectiveAndNorms(string loss, bool bias, int[] sizes)
    {
        var problem = new UfmProblem
        {
            Classes = 4, Dim = 8, ClassSizes = sizes, Bias = bias, LambdaW = 1e-2, LambdaH = 5e-3, LambdaB = 1e-2,
            Loss = new LossOptions { Kind = loss },
        };
        using var result = UfmStudy.Run(new UfmStudySpec { Problem = problem, Seeds = 2 });
        var predicted = result.Prediction;

        // The issue asks for 1e-6 relative in float64. L-BFGS ends near a gradient norm of 1e-10, so the objective
        // is within about 1e-16 of the optimum and the norms (first order in the distance) within about 1e-8.
        Tolerance.Close(predicted.Objective!.Value, result.Best.Objective, 1e-6, what: "objective");
        Tolerance.Close(predicted.WeightNorm!.Value, result.Geometry.WeightNorm, 1e-6, what: "‖W‖");
        Tolerance.Close(predicted.FeatureNorm!.Value, result.Geometry.FeatureNorm, 1e-6, what: "‖H‖");
        Assert.True(result.Landscape.SameObjective, result.Landscape.Verdict);
    }

    [Fact]
    public void BiasFreeSquareLossHasOrthogonalClassMeans()
    {
        var problem = new UfmProblem
        {
            Classes = 3, Dim = 6, ClassSizes = [9, 4, 1], Bias = false, LambdaW = 1e-3, LambdaH = 1e-3, Loss = new LossOptions { Kind = "mse" },
        };
        using var result = UfmStudy.Run(new UfmStudySpec { Problem = problem, Seeds = 2 });

        Assert.True(result.GlobalOptimum);
        Assert.True(result.Geometry.ClassMeanMaxCosine < 1e-6, $"{result.Geometry.ClassMeanMaxCosine}");
    }
}
