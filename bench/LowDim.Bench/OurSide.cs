using System.Diagnostics;
using LowDim.Data;
using LowDim.Measurement;
using static TorchSharp.torch;

namespace LowDim.Bench;

/// <summary>LowDim's side, in this process: the features and classifier from the .npy files, and their best times.</summary>
internal sealed class OurSide : IDisposable
{
    public const string Read = "read";
    public const string Measure = "measure";
    public const string MeasureWithoutClassifier = "measure_without_classifier";

    private readonly Tensor _features;
    private readonly Tensor _labels;
    private readonly Tensor _weight;
    private readonly Tensor _bias;
    private readonly LinearClassifier _classifier;

    private OurSide(string folder)
    {
        _features = NpyFile.Read(Path.Combine(folder, "H.npy"));
        _labels = NpyFile.Read(Path.Combine(folder, "y.npy"));
        _weight = NpyFile.Read(Path.Combine(folder, "W.npy"));
        _bias = NpyFile.Read(Path.Combine(folder, "b.npy"));
        _classifier = new LinearClassifier(_weight, _bias);
    }

    public static OurSide Load(string folder) => new(folder);

    /// <summary>Best times by name: <see cref="Read"/>, <see cref="Measure"/>, <see cref="MeasureWithoutClassifier"/>, and per chunk size those of <see cref="Passes"/>.</summary>
    public BestTimes Times { get; } = new();

    public long N => _features.shape[0];
    public long D => _features.shape[1];
    public int K => (int)_weight.shape[0];
    public long FeatureBytes => _features.NumberOfElements * _features.ElementSize;

    /// <summary>All metrics, with the classifier.</summary>
    public NeuralCollapseMetrics Metrics() => NeuralCollapse.Measure(_features, _labels, classifier: _classifier);

    /// <summary>Peak resident memory of one <see cref="Metrics"/> call beyond what is already held (the features), in bytes.</summary>
    public long? PeakExtraMemory() => PeakMemory.Extra(() => Metrics());

    /// <summary>One run of everything, untimed, so that the timed runs find code compiled and thread pools started.</summary>
    public void WarmUp(IReadOnlyList<int> chunkRows) => Round(1, chunkRows, new BestTimes());

    /// <summary><paramref name="repeats"/> timed runs of everything.</summary>
    public void Round(int repeats, IReadOnlyList<int> chunkRows) => Round(repeats, chunkRows, Times);

    /// <summary>The names under which <see cref="Round(int, IReadOnlyList{int})"/> keeps the times of the two passes for a chunk size (null: the default).</summary>
    public static (string Total, string First, string Second) Passes(int? chunkRows)
    {
        string label = chunkRows?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default";
        return ($"measure[chunk_rows={label}]", $"first_pass[chunk_rows={label}]", $"second_pass[chunk_rows={label}]");
    }

    private void Round(int repeats, IReadOnlyList<int> chunkRows, BestTimes times)
    {
        for (int repeat = 0; repeat < repeats; repeat++)
        {
            using var scope = NewDisposeScope();
            times.Time(Read, () => _features.sum().item<float>());
            times.Time(Measure, () => Metrics());
            times.Time(MeasureWithoutClassifier, () => NeuralCollapse.Measure(_features, _labels, K));
            TimePasses(null, times);
            foreach (int rows in chunkRows) TimePasses(rows, times);
        }
    }

    /// <summary>
    /// Measure through its batch overload, which walks the batches twice: the time up to the
    /// second walk is the first pass (class means) and the rest the second (the projection and
    /// every metric).
    /// </summary>
    private void TimePasses(int? chunkRows, BestTimes times)
    {
        var options = new NeuralCollapseOptions { ChunkRows = chunkRows };
        var walks = new List<long>();
        long start = Stopwatch.GetTimestamp();
        NeuralCollapse.Measure(() => { walks.Add(Stopwatch.GetTimestamp()); return [(_features, _labels)]; }, K, _classifier, options);
        long end = Stopwatch.GetTimestamp();

        var (total, first, second) = Passes(chunkRows);
        times.Keep(total, Stopwatch.GetElapsedTime(start, end).TotalSeconds);
        times.Keep(first, Stopwatch.GetElapsedTime(start, walks[1]).TotalSeconds);
        times.Keep(second, Stopwatch.GetElapsedTime(walks[1], end).TotalSeconds);
    }

    public void Dispose()
    {
        _features.Dispose();
        _labels.Dispose();
        _weight.Dispose();
        _bias.Dispose();
    }
}
