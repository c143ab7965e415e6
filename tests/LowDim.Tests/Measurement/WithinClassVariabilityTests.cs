using LowDim.Measurement;
using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Tests.Measurement;

public class WithinClassVariabilityTests
{
    public static TheoryData<int[], int, ScalarType> Cases => new()
    {
        { new[] { 30, 30, 30, 30 }, 20, ScalarType.Float64 },
        { new[] { 5, 40, 12 }, 9, ScalarType.Float64 },
        // d < K − 1: the rank of the centred means, and so of Σ_B†, is d.
        { new[] { 8, 8, 8, 8, 8, 8 }, 3, ScalarType.Float64 },
        // A class without samples is left out, as Measure leaves it out.
        { new[] { 10, 0, 14, 9 }, 6, ScalarType.Float64 },
        { new[] { 30, 30, 30, 30 }, 20, ScalarType.Float32 },
        { new[] { 5, 40, 12 }, 9, ScalarType.Float32 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Nc1IsMeasuresNc1(int[] classSizes, int d, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var (h, y, _, _) = SyntheticFeatures.Gaussian(classSizes, d, seed: classSizes.Sum() + d, dtype: dtype);
        double expected = NeuralCollapse.Measure(h, y, classes: classSizes.Length).Nc1;
        double actual = WithinClassVariability.Nc1(h, y, classSizes.Length);
        // The same steps but one matrix product, whose rounding differs: a few ulps of each projected coordinate,
        // float64's 1e-16 or float32's 6e-8, and the sums over samples are float64 on both sides.
        Tolerance.Close(expected, actual, dtype == ScalarType.Float64 ? 1e-13 : 1e-6, what: "nc1");
    }

    [Fact]
    public void Nc1NearCollapseKeepsItsRelativePrecision()
    {
        using var scope = NewDisposeScope();
        var (h, y, _, _) = SyntheticFeatures.Gaussian([20, 20, 20, 20, 20], 16, seed: 5, separation: 1e4);
        double expected = NeuralCollapse.Measure(h, y).Nc1;
        double actual = WithinClassVariability.Nc1(h, y, 5);
        // Unit noise around means 1e4 apart gives nc1 near 1e-8; both centre on the class means before the
        // product, so nc1 keeps float64's relative precision rather than that of ‖μ‖².
        Assert.True(expected < 1e-6, $"nc1 {expected}");
        Tolerance.Close(expected, actual, 1e-12, what: "nc1 near collapse");
    }

    [Fact]
    public void Nc1LeavesNoTensorAlive()
    {
        var (h, y, _, _) = SyntheticFeatures.Gaussian([30, 30, 30], 7, seed: 3);
        using var scope = NewDisposeScope();
        DisposeScopeManager.Statistics.Reset();
        WithinClassVariability.Nc1(h, y, 3);
        var statistics = DisposeScopeManager.Statistics.TensorStatistics;
        Assert.True(statistics.ThreadTotalLiveCount == 0 && statistics.CreatedOutsideScopeCount == 0, statistics.ToString());
    }
}
