using TorchSharp;
using static TorchSharp.torch;
using LowDim.Measurement;

namespace LowDim.Tests.Measurement;

public class NeuralCollapseTests
{
    private static readonly NeuralCollapseOptions SampleMean = new() { GlobalMean = GlobalMean.Sample };

    [Theory]
    [InlineData(4, 12)]
    [InlineData(10, 10)]
    [InlineData(3, 50)]
    public void ExactSimplexEtfCollapsesCompletely(int k, int d)
    {
        using var scope = NewDisposeScope();
        var (h, y, w) = SyntheticFeatures.SimplexEtf(k, d, 7, seed: k * 100 + d);
        var m = NeuralCollapse.Measure(h, y, classifier: new LinearClassifier(w));
        // Exact in real arithmetic; float64 rounding of a unit-scale configuration leaves ~1e-15.
        foreach (var (name, value) in m.ByName())
        {
            if (name is MetricNames.Accuracy or MetricNames.NccAccuracy) Assert.Equal(1.0, value);
            else Assert.True(Math.Abs(value!.Value) < 1e-12, $"{name} = {value}");
        }
    }

    public static TheoryData<int[], int, GlobalMean> RandomCases => new()
    {
        { new[] { 30, 30, 30, 30 }, 20, GlobalMean.Class },
        { new[] { 30, 30, 30, 30 }, 20, GlobalMean.Sample },
        { new[] { 5, 20, 60, 15, 9 }, 16, GlobalMean.Class },
        { new[] { 5, 20, 60, 15, 9 }, 16, GlobalMean.Sample },
        { new[] { 25, 25, 25, 25, 25, 25 }, 3, GlobalMean.Class },   // d < K − 1
        { new[] { 10, 40, 25, 25, 30, 12 }, 3, GlobalMean.Sample },
        { new[] { 40, 70 }, 8, GlobalMean.Class },                   // K = 2
    };

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void FastPathMatchesSlowFloat64Path(int[] sizes, int d, GlobalMean globalMean)
    {
        using var scope = NewDisposeScope();
        var (h, y, w, b) = SyntheticFeatures.Gaussian(sizes, d, seed: sizes.Sum() + d);
        var options = new NeuralCollapseOptions { GlobalMean = globalMean, ChunkRows = 17 };
        var fast = NeuralCollapse.Measure(h, y, classifier: new LinearClassifier(w, b), options: options);
        var slow = SlowNeuralCollapse.Measure(h, y, sizes.Length, w, b, globalMean, fast.RankTolerance);
        foreach (var (name, value) in fast.ByName())
            Tolerance.Close(slow[name], value!.Value, Tolerance.Float64, Tolerance.Float64 * 1e-3, name);
    }

    [Fact]
    public void Float32FeaturesAgreeWithFloat64CovariancesToOnePartInAMillion()
    {
        using var scope = NewDisposeScope();
        var (h64, y, w, b) = SyntheticFeatures.Gaussian(Enumerable.Repeat(400, 10).ToArray(), 96, seed: 5, separation: 1);
        var h32 = h64.to(ScalarType.Float32);
        var fast = NeuralCollapse.Measure(h32, y, classifier: new LinearClassifier(w.to(ScalarType.Float32), b.to(ScalarType.Float32)));
        // The reference sees exactly the float32 values, widened to float64.
        var slow = SlowNeuralCollapse.Measure(h32.to(ScalarType.Float64), y, 10, w.to(ScalarType.Float32), b.to(ScalarType.Float32), GlobalMean.Class, 1e-12);
        foreach (var name in new[] { MetricNames.Nc1, MetricNames.Nc1Quotient, MetricNames.Nc1Cdnv, MetricNames.Nc2Etf, MetricNames.Nc3 })
            Tolerance.Close(slow[name], fast.ByName().Single(p => p.Key == name).Value!.Value, Tolerance.Float32, 0, name);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(1, 5)]
    [InlineData(2, 7)]
    public void OneOrTwoFeatureDimensionsAgreeWithTheSlowPath(int d, int k)
    {
        using var scope = NewDisposeScope();
        var (h, y, w, b) = SyntheticFeatures.Gaussian(Enumerable.Range(0, k).Select(c => 10 + 3 * c).ToArray(), d, seed: 31 * d + k);
        var fast = NeuralCollapse.Measure(h, y, classifier: new LinearClassifier(w, b));
        Assert.Equal(Math.Min(d, k - 1), fast.Rank);
        var slow = SlowNeuralCollapse.Measure(h, y, k, w, b, GlobalMean.Class, fast.RankTolerance);
        foreach (var (name, value) in fast.ByName())
            Tolerance.Close(slow[name], value!.Value, Tolerance.Float64, Tolerance.Float64 * 1e-3, name);
    }

    [Fact]
    public void EveryMetricIsInvariantToPermutingSamples()
    {
        using var scope = NewDisposeScope();
        var (h, y, w, b) = SyntheticFeatures.Gaussian([20, 35, 15, 30], 12, seed: 11);
        var order = randperm(h.shape[0], generator: new Generator(3));
        var before = NeuralCollapse.Measure(h, y, classifier: new LinearClassifier(w, b), options: SampleMean).ByName();
        var after = NeuralCollapse.Measure(h.index_select(0, order), y.index_select(0, order), classifier: new LinearClassifier(w, b), options: SampleMean).ByName();
        for (int i = 0; i < before.Count; i++)
            Tolerance.Close(before[i].Value!.Value, after[i].Value!.Value, Tolerance.Float64, 0, before[i].Key);
    }

    [Fact]
    public void Nc1IsInvariantToRotatingTheFeatures()
    {
        using var scope = NewDisposeScope();
        var (h, y, _, _) = SyntheticFeatures.Gaussian([20, 35, 15, 30, 25], 12, seed: 13);
        var rotated = h.mm(SyntheticFeatures.Rotation(12, seed: 2));
        var before = NeuralCollapse.Measure(h, y);
        var after = NeuralCollapse.Measure(rotated, y);
        Tolerance.Close(before.Nc1, after.Nc1, Tolerance.Float64, 0, "nc1");
        Tolerance.Close(before.Nc2Etf, after.Nc2Etf, Tolerance.Float64, 0, "nc2_etf");
    }

    [Theory]
    // float64: the same float64 sums in a different order, so only the last bits can differ.
    [InlineData(ScalarType.Float64, 1e-12)]
    // float32: the matrix-product kernel blocks its float32 sums by the number of rows, so chunk
    // boundaries move float32 rounding (ε = 1.2e-7); the float64 accumulation averages it down.
    [InlineData(ScalarType.Float32, 1e-7)]
    public void BatchesGiveTheNumbersOfOneCall(ScalarType dtype, double relative)
    {
        using var scope = NewDisposeScope();
        var (h, y, w, b) = SyntheticFeatures.Gaussian([50, 70, 40], 9, seed: 17, dtype: dtype);
        var classifier = new LinearClassifier(w, b);
        var whole = NeuralCollapse.Measure(h, y, classifier: classifier);
        long[] bounds = [0, 1, 33, 34, 100, 160];
        var streamed = NeuralCollapse.Measure(
            () => bounds.Zip(bounds.Skip(1)).Select(p => (h.narrow(0, p.First, p.Second - p.First), y.narrow(0, p.First, p.Second - p.First))),
            classes: 3, classifier);
        foreach (var ((name, a), (_, c)) in whole.ByName().Zip(streamed.ByName()))
            Tolerance.Close(a!.Value, c!.Value, relative, 0, name);
    }

    [Fact]
    public void Nc1StaysNonNegativeWhenClassMeansAreNearlyDegenerate()
    {
        using var scope = NewDisposeScope();
        // Means on a line: M_c has rank 1 while K − 1 = 3; a plain float32 pinv of Σ_B goes wild here.
        var g = new Generator(4);
        var direction = randn(64, generator: g);
        var labels = arange(4, dtype: ScalarType.Int64).repeat(200);
        var noise = randn(800, 64, ScalarType.Float64, generator: g).mul_(0.01);
        var noiseMeans = zeros(4, 64, ScalarType.Float64).index_add_(0, labels, noise, 1).div_(200);
        noise.sub_(noiseMeans.index_select(0, labels)); // class means exactly on the line, up to float32 rounding
        var h = labels.to(ScalarType.Float64).unsqueeze(1).mul(direction.to(ScalarType.Float64).unsqueeze(0)).add_(noise).to(ScalarType.Float32);
        var m = NeuralCollapse.Measure(h, labels);
        Assert.True(m.Nc1 >= 0);
        Assert.True(m.Rank < 3);
        Assert.Contains(m.Warnings, w => w.Contains("numerical rank"));
    }

    [Fact]
    public void MetricsThatNeedWeightsAreNullWithoutThem()
    {
        using var scope = NewDisposeScope();
        var (h, y, _, _) = SyntheticFeatures.Gaussian([10, 10, 10], 5, seed: 1);
        var m = NeuralCollapse.Measure(h, y);
        foreach (var (name, value) in m.ByName())
            Assert.Equal(MetricNames.NeedClassifier.Contains(name), value is null);
    }

    [Fact]
    public void EmptyClassIsLeftOutWithAWarning()
    {
        using var scope = NewDisposeScope();
        var (h, y, w, b) = SyntheticFeatures.Gaussian([20, 20, 20], 6, seed: 2);
        // Relabel class 2 as 3 and measure with K = 4: class 2 has no samples.
        var shifted = y.where(y.ne(2), full_like(y, 3));
        var weight4 = cat([w, randn(1, 6, ScalarType.Float64)]);
        var bias4 = cat([b, full(1, -100.0, ScalarType.Float64)]);
        var m = NeuralCollapse.Measure(h, shifted, classes: 4, classifier: new LinearClassifier(weight4.index_select(0, tensor(new long[] { 0, 1, 3, 2 })), bias4.index_select(0, tensor(new long[] { 0, 1, 3, 2 }))));
        var reference = NeuralCollapse.Measure(h, y, classifier: new LinearClassifier(w, b));
        Assert.Equal(3, m.ClassesPresent);
        Assert.Contains(m.Warnings, warning => warning.Contains("no samples") && warning.Contains('2'));
        foreach (var ((name, a), (_, c)) in reference.ByName().Zip(m.ByName()))
            Tolerance.Close(a!.Value, c!.Value, Tolerance.Float64, 0, name);
    }

    [Fact]
    public void RejectsInputsThatCannotBeMeasured()
    {
        using var scope = NewDisposeScope();
        var h = randn(6, 3);
        var y = tensor(new long[] { 0, 1, 0, 1, 0, 1 });
        Assert.Contains("at least 2 classes", Assert.Throws<InvalidInputException>(() => NeuralCollapse.Measure(h, zeros(6, ScalarType.Int64))).Message);
        Assert.Contains("out of range", Assert.Throws<InvalidInputException>(() => NeuralCollapse.Measure(h, y.add(-1), classes: 2)).Message);
        Assert.Contains("out of range", Assert.Throws<InvalidInputException>(() => NeuralCollapse.Measure(h, y.mul(2), classes: 2)).Message);
        Assert.Contains("6 rows but labels have 5", Assert.Throws<InvalidInputException>(() => NeuralCollapse.Measure(h, y.narrow(0, 0, 5))).Message);
        Assert.Contains("2-D", Assert.Throws<InvalidInputException>(() => NeuralCollapse.Measure(h.flatten(), y)).Message);
        Assert.Contains("integers", Assert.Throws<InvalidInputException>(() => NeuralCollapse.Measure(h, y.to(ScalarType.Float32), classes: 2)).Message);
        var nan = h.clone();
        nan[4, 1] = tensor(float.NaN);
        Assert.Contains("row 4", Assert.Throws<InvalidInputException>(() => NeuralCollapse.Measure(nan, y)).Message);
        Assert.Contains("weights must have shape (K, d) = (2, 3)", Assert.Throws<InvalidInputException>(() => NeuralCollapse.Measure(h, y, classes: 2, classifier: new LinearClassifier(randn(2, 4)))).Message);
        Assert.Contains("bias", Assert.Throws<InvalidInputException>(() => NeuralCollapse.Measure(h, y, classifier: new LinearClassifier(randn(2, 3), randn(3)))).Message);
    }

    [Fact]
    public void LeavesNoTensorAlive()
    {
        var (h, y, w, b) = SyntheticFeatures.Gaussian([30, 30, 30], 7, seed: 3);
        using var scope = NewDisposeScope();
        DisposeScopeManager.Statistics.Reset();
        NeuralCollapse.Measure(h, y, classifier: new LinearClassifier(w, b));
        var statistics = DisposeScopeManager.Statistics.TensorStatistics;
        Assert.True(statistics.ThreadTotalLiveCount == 0 && statistics.CreatedOutsideScopeCount == 0, statistics.ToString());
    }
}

public class AccumulatorOwnershipTests
{
    [Fact]
    public void SecondPassLeavesTheClassStatisticsUsable()
    {
        var (h, y, w, b) = SyntheticFeatures.Gaussian([10, 12, 14], 4, seed: 8);
        using var first = new ClassMeansAccumulator(3);
        first.Add(h, y);
        using var statistics = first.Complete();
        using (var second = new NeuralCollapseAccumulator(statistics, new LinearClassifier(w, b)))
        {
            second.Add(h, y);
            second.Complete();
        }
        Assert.Equal(new long[] { 3, 4 }, statistics.Means.shape);
        Assert.True(statistics.Means.isfinite().all().item<bool>());
    }
}
