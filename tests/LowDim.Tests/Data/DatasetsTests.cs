using System.Diagnostics;
using LowDim.Data;
using Xunit.Abstractions;
using static LowDim.Tests.Data.DatasetFixtures;
using static TorchSharp.torch;

namespace LowDim.Tests.Data;

public sealed class DatasetsTests(ITestOutputHelper log)
{
    private static readonly DatasetOptions Raw = new() { Normalize = false };

    private static DatasetPair Load(string name, string folder, DatasetOptions? options = null) =>
        Datasets.Load(name, (options ?? Raw) with { DataDir = folder }, IsolatedLocator());

    /// <summary>Same shape, dtype and bytes.</summary>
    private static bool BitIdentical(Tensor a, Tensor b) =>
        a.dtype == b.dtype && a.shape.SequenceEqual(b.shape) && a.contiguous().bytes.SequenceEqual(b.contiguous().bytes);

    [Fact]
    public void NamesAreTheContract()
    {
        Assert.Equal(["mnist", "fashion-mnist", "cifar10", "cifar100", "gaussian-mixture"], Datasets.Names);
    }

    [Fact]
    public void UnknownNameListsTheKnownOnes()
    {
        var error = Assert.Throws<InvalidInputException>(() => Datasets.Load("svhn", new DatasetOptions(), IsolatedLocator()));
        Assert.Equal("unknown dataset 'svhn'; known: mnist, fashion-mnist, cifar10, cifar100, gaussian-mixture", error.Message);
    }

    [Fact]
    public void IdxImagesAreScaledToUnitRangeInNchw()
    {
        using var folder = new TempFolder();
        WriteIdxDataset(folder.Path, 20, 7);
        using var pair = Load("mnist", folder.Path);
        Assert.Equal("mnist/train", pair.Train.Name);
        Assert.Equal("mnist/test", pair.Test.Name);
        Assert.Equal(folder.Path, pair.Folder);
        Assert.Null(pair.Normalization);
        Assert.Equal([20L, 1, 4, 3], pair.Train.Inputs.shape);
        Assert.Equal([1L, 4, 3], pair.Train.SampleShape);
        Assert.Equal(7, pair.Test.Count);
        Assert.Equal(ScalarType.Float32, pair.Train.Inputs.dtype);
        Assert.Equal(ScalarType.Int64, pair.Train.Labels.dtype);
        Assert.Equal(10, pair.Train.Classes);
        float[] expected = [.. Pixels(20, 12).Select(b => b / 255f)];
        Assert.Equal(expected, pair.Train.Inputs.data<float>().ToArray());
        Assert.Equal([.. CyclicLabels(7, 10, 3).Select(b => (long)b)], pair.Test.Labels.data<long>().ToArray());
    }

    [Fact]
    public void IdxLabelOutOfRangeNamesTheLabelFile()
    {
        using var folder = new TempFolder();
        WriteIdxDataset(folder.Path, 4, 2);
        string labels = folder.Write("t10k-labels-idx1-ubyte.gz", Gzip(Idx([2], [1, 12])));
        var error = Assert.Throws<DataFileException>(() => Load("mnist", folder.Path));
        Assert.Equal($"{labels}: label 12 at index 1 is out of range 0..9", error.Message);
    }

    [Fact]
    public void IdxCountsMustAgree()
    {
        using var folder = new TempFolder();
        WriteIdxDataset(folder.Path, 4, 2);
        string labels = folder.Write("train-labels-idx1-ubyte.gz", Gzip(Idx([3], [1, 2, 3])));
        var error = Assert.Throws<DataFileException>(() => Load("mnist", folder.Path));
        Assert.Equal($"{labels}: 3 labels for 4 images in {folder.File("train-images-idx3-ubyte.gz")}", error.Message);
    }

    [Fact]
    public void Cifar10BatchesAreConcatenatedInOrder()
    {
        using var folder = new TempFolder();
        WriteCifar10(folder.Path, 3, 4);
        using var pair = Load("cifar10", folder.Path);
        Assert.Equal([15L, 3, 32, 32], pair.Train.Inputs.shape);
        Assert.Equal([.. Enumerable.Range(0, 15).Select(i => (long)(i % 10))], pair.Train.Labels.data<long>().ToArray());
        Assert.Equal([9L, 8, 7, 6], pair.Test.Labels.data<long>().ToArray());
        // Row 13 (batch 5, row 1), green channel, pixel (0, 1): byte 1024 + 1 of the row's pixels.
        Assert.Equal((13 + 1025) % 256 / 255f, pair.Train.Inputs[13, 1, 0, 1].item<float>());
    }

    [Fact]
    public void Cifar100HasTheFineLabels()
    {
        using var folder = new TempFolder();
        WriteCifar100(folder.Path, 120, 3);
        using var pair = Load("cifar100", folder.Path);
        Assert.Equal(100, pair.Train.Classes);
        Assert.Equal([.. Enumerable.Range(0, 120).Select(i => (long)(i % 100))], pair.Train.Labels.data<long>().ToArray());
        Assert.Equal([50L, 51, 52], pair.Test.Labels.data<long>().ToArray());
    }

    [Fact]
    public void PerClassSubsetsAreBalancedSeededAndLeaveTestAlone()
    {
        using var folder = new TempFolder();
        WriteIdxDataset(folder.Path, 60, 9);
        using var a = Load("mnist", folder.Path, Raw with { PerClass = 2, Seed = 5 });
        using var b = Load("mnist", folder.Path, Raw with { PerClass = 2, Seed = 5 });
        using var c = Load("mnist", folder.Path, Raw with { PerClass = 2, Seed = 6 });
        Assert.Equal(20, a.Train.Count);
        Assert.Equal(Enumerable.Repeat(2L, 10), bincount(a.Train.Labels, minlength: 10).data<long>().ToArray());
        Assert.True(BitIdentical(a.Train.Inputs, b.Train.Inputs));
        Assert.True(BitIdentical(a.Train.Labels, b.Train.Labels));
        Assert.False(BitIdentical(a.Train.Inputs, c.Train.Inputs));
        Assert.Equal(9, a.Test.Count);
        // Each picked image is still the image of its label: pixel 0 of sample i is 7i mod 256 and its label i mod 10.
        var first = a.Train.Inputs.select(1, 0).select(1, 0).select(1, 0).mul(255).round().to(ScalarType.Int64);
        var sample = first.data<long>().ToArray().Select(p => Enumerable.Range(0, 60).Single(i => 7 * i % 256 == p)).ToArray();
        Assert.Equal(sample.Select(i => (long)(i % 10)), a.Train.Labels.data<long>().ToArray());
        Assert.Equal(sample.Order(), sample);
    }

    [Fact]
    public void PerClassBeyondAClassSizeIsAnError()
    {
        using var folder = new TempFolder();
        WriteIdxDataset(folder.Path, 25, 2);
        var error = Assert.Throws<InvalidInputException>(() => Load("mnist", folder.Path, Raw with { PerClass = 3 }));
        Assert.Equal("--per-class 3: class 5 of mnist/train has only 2 samples", error.Message);
    }

    [Fact]
    public void RandomLabelsChangeOnlyTheTrainingLabels()
    {
        using var folder = new TempFolder();
        WriteIdxDataset(folder.Path, 200, 9);
        using var plain = Load("mnist", folder.Path);
        using var random = Load("mnist", folder.Path, Raw with { RandomLabels = true, Seed = 1 });
        using var again = Load("mnist", folder.Path, Raw with { RandomLabels = true, Seed = 1 });
        Assert.True(BitIdentical(plain.Train.Inputs, random.Train.Inputs));
        Assert.True(BitIdentical(plain.Test.Labels, random.Test.Labels));
        Assert.True(BitIdentical(random.Train.Labels, again.Train.Labels));
        long same = plain.Train.Labels.eq(random.Train.Labels).sum().item<long>();
        // Uniform labels agree with the true ones with probability 1/10: 20 of 200 expected, sd √18 ≈ 4.2.
        Assert.InRange(same, 5, 40);
        Assert.InRange(random.Train.Labels.min().item<long>(), 0, 0);
        Assert.InRange(random.Train.Labels.max().item<long>(), 9, 9);
    }

    [Fact]
    public void NormalisationUsesTheTrainingStatisticsPerChannel()
    {
        using var folder = new TempFolder();
        WriteCifar10(folder.Path, 4, 3);
        using var raw = Load("cifar10", folder.Path);
        using var pair = Load("cifar10", folder.Path, new DatasetOptions());
        var (std, mean) = std_mean(pair.Train.Inputs.to(ScalarType.Float64), [0L, 2, 3], unbiased: false);
        for (int c = 0; c < 3; c++)
        {
            // float32 data of magnitude ≤ 2 averaged over 20·1024 values: rounding stays far below 1e-5.
            Tolerance.Close(0, mean[c].item<double>(), 0, 1e-5, $"mean of channel {c}");
            Tolerance.Close(1, std[c].item<double>(), 1e-5, 0, $"std of channel {c}");
        }
        var normalization = pair.Normalization!;
        Assert.Equal(3, normalization.Mean.Count);
        using var expectedTest = raw.Test.Inputs.select(1, 2).sub(normalization.Mean[2]).div(normalization.Std[2]);
        Assert.True(expectedTest.allclose(pair.Test.Inputs.select(1, 2), rtol: 1e-6, atol: 1e-6));
    }

    [Fact]
    public void ConstantFeaturesAreOnlyCentred()
    {
        using var folder = new TempFolder();
        WriteIdxDataset(folder.Path, 1, 1);
        folder.Write("train-images-idx3-ubyte.gz", Gzip(Idx([1, 4, 3], [.. Enumerable.Repeat((byte)5, 12)])));
        using var pair = Load("mnist", folder.Path, new DatasetOptions());
        Assert.Equal([1.0], pair.Normalization!.Std);
        Assert.Equal(0, pair.Train.Inputs.abs().max().item<float>());
    }

    [Fact]
    public void GaussianMixtureHasTheStatedShapesAndIsDeterministic()
    {
        var options = new DatasetOptions { MixtureDimension = 5, MixtureClasses = 4, MixturePerClass = 6, Seed = 3, Normalize = false };
        using var a = Datasets.Load("gaussian-mixture", options);
        using var b = Datasets.Load("gaussian-mixture", options);
        using var c = Datasets.Load("gaussian-mixture", options with { Seed = 4 });
        Assert.Equal([24L, 5], a.Train.Inputs.shape);
        Assert.Equal([24L, 5], a.Test.Inputs.shape);
        Assert.Equal(ScalarType.Float32, a.Train.Inputs.dtype);
        Assert.Equal(4, a.Train.Classes);
        Assert.Equal("gaussian-mixture/train", a.Train.Name);
        Assert.Null(a.Folder);
        Assert.Equal(Enumerable.Repeat(6L, 4), bincount(a.Train.Labels).data<long>().ToArray());
        Assert.True(BitIdentical(a.Train.Inputs, b.Train.Inputs));
        Assert.True(BitIdentical(a.Test.Inputs, b.Test.Inputs));
        Assert.False(BitIdentical(a.Train.Inputs, a.Test.Inputs));
        Assert.False(BitIdentical(a.Train.Inputs, c.Train.Inputs));
    }

    [Fact]
    public void GaussianMixtureCentresAreARegularSimplexWithTheSeparationAsEdge()
    {
        using var generator = new Generator(7);
        using var centres = GaussianMixture.Centres(5, 4, 2.5, generator);
        using var distances = cdist(centres, centres);
        for (int i = 0; i < 5; i++)
        for (int j = 0; j < 5; j++)
            // float64 QR and a product of 4-dimensional rows: a few ulps.
            Tolerance.Close(i == j ? 0 : 2.5, distances[i, j].item<double>(), Tolerance.Float64, 1e-12, $"distance {i}-{j}");
        Tolerance.Close(0, centres.mean([0L]).abs().max().item<double>(), 0, 1e-12, "mean of the centres");
    }

    [Fact]
    public void GaussianMixtureNoiseHasUnitVariance()
    {
        var options = new DatasetOptions { MixtureDimension = 3, MixtureClasses = 2, MixturePerClass = 4000, MixtureSeparation = 4, Normalize = false };
        using var pair = Datasets.Load("gaussian-mixture", options);
        var x = pair.Train.Inputs.to(ScalarType.Float64);
        var zero = x.index_select(0, pair.Train.Labels.eq(0).nonzero().squeeze(1));
        var one = x.index_select(0, pair.Train.Labels.eq(1).nonzero().squeeze(1));
        double distance = zero.mean([0L]).sub(one.mean([0L])).norm().item<double>();
        // Each class mean has standard error 1/√4000 ≈ 0.016 per coordinate: 0.1 is over 4 standard errors.
        Tolerance.Close(4, distance, 0, 0.1, "distance of the class means");
        Tolerance.Close(1, zero.var([0L]).mean().item<double>(), 0, 0.05, "within-class variance");
    }

    [Fact]
    public void GaussianMixtureNeedsRoomForTheSimplex()
    {
        var error = Assert.Throws<InvalidInputException>(() =>
            Datasets.Load("gaussian-mixture", new DatasetOptions { MixtureDimension = 2, MixtureClasses = 4 }));
        Assert.Equal("gaussian-mixture with 4 classes needs a dimension of at least 3 (the centres form a regular simplex), got 2", error.Message);
    }

    [Fact]
    public void LoadsTheRealFashionMnist()
    {
        const string folder = "/usr/share/datasets/fashion-mnist";
        if (!Directory.Exists(folder))
        {
            log.WriteLine($"skipped: {folder} is absent (apt-get install dataset-fashion-mnist)");
            return;
        }
        var clock = Stopwatch.StartNew();
        using var pair = Datasets.Load("fashion-mnist", new DatasetOptions { DataDir = folder }, IsolatedLocator());
        log.WriteLine($"loaded Fashion-MNIST in {clock.Elapsed.TotalSeconds:F2} s");
        Assert.Equal([60000L, 1, 28, 28], pair.Train.Inputs.shape);
        Assert.Equal([10000L, 1, 28, 28], pair.Test.Inputs.shape);
        Assert.Equal(Enumerable.Repeat(6000L, 10), bincount(pair.Train.Labels).data<long>().ToArray());
        Assert.Equal(Enumerable.Repeat(1000L, 10), bincount(pair.Test.Labels).data<long>().ToArray());
        // The widely quoted statistics of the training images, given to 4 digits.
        Tolerance.Close(0.2860, pair.Normalization!.Mean[0], 0, 5e-5, "mean");
        Tolerance.Close(0.3530, pair.Normalization.Std[0], 0, 5e-5, "std");
        // The budget is 2 s on a quiet machine; 10 s leaves room for a shared one.
        Assert.True(clock.Elapsed.TotalSeconds < 10, $"loading took {clock.Elapsed.TotalSeconds:F1} s");
    }
}
