using System.Diagnostics;
using LowDim.Experiments;
using LowDim.Measurement;
using LowDim.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Training;

/// <summary>
/// Measures neural collapse of a model on one split, exactly: every sample, eval mode, no gradients. The
/// penultimate features get every metric (with the head as the classifier), and with layers on, every
/// tapped layer's flattened output gets the feature metrics (nc1 and nc1_quotient among them).
/// </summary>
/// <remarks>
/// The metrics need two passes over the features (class means first). The first pass keeps the features
/// in memory when they fit in <see cref="CacheBytes"/>, so the model runs once; otherwise the second pass
/// runs the model again, which gives the same features because eval mode is deterministic.
/// </remarks>
internal static class SplitMeasurement
{
    /// <summary>The most feature memory the first pass keeps for the second.</summary>
    public const long CacheBytes = 2L << 30;

    /// <summary>Samples per forward pass while measuring.</summary>
    public const int BatchSize = 1000;

    public sealed record Result(IReadOnlyList<MeasurementRow> Rows, double[,] MeanGram, double Seconds);

    public static Result Run(
        Classifier model, Tensor inputs, Tensor labels, int classes, ClassificationLoss loss, bool layers,
        NeuralCollapseOptions options, int epoch, string split, double trainSeconds)
    {
        var clock = Stopwatch.StartNew();
        model.eval();
        using var noGrad = no_grad();
        using var outer = NewDisposeScope();
        long n = labels.shape[0];
        int count = layers ? model.LayerNames.Count : 1;
        var first = new ClassMeansAccumulator[count];
        var second = new NeuralCollapseAccumulator?[count];
        var statistics = new ClassStatistics?[count];
        var cache = new List<(Tensor[] Features, Tensor Labels)>();
        bool caching = true;
        try
        {
            for (int i = 0; i < count; i++) first[i] = new ClassMeansAccumulator(classes, options);
            var lossSum = zeros(1, ScalarType.Float64, labels.device);
            var correct = zeros(1, ScalarType.Int64, labels.device);
            for (long start = 0; start < n; start += BatchSize)
            {
                using var scope = NewDisposeScope();
                long size = Math.Min(BatchSize, n - start);
                var y = labels.narrow(0, start, size);
                var pass = model.Run(inputs.narrow(0, start, size), tapLayers: layers);
                var features = Select(pass, count);
                for (int i = 0; i < count; i++) first[i].Add(features[i], y);
                lossSum.add_(loss.Compute(pass.Logits, y).to(ScalarType.Float64).mul(size));
                correct.add_(pass.Logits.argmax(1).eq(y).sum());
                if (start == 0) caching = features.Sum(f => f.shape[1] * f.element_size()) * n <= CacheBytes;
                if (caching)
                {
                    foreach (var f in features) f.MoveToOuterDisposeScope();
                    cache.Add((features, y.MoveToOuterDisposeScope()));
                }
            }

            for (int i = 0; i < count; i++)
            {
                statistics[i] = first[i].Complete();
                bool penultimate = i == count - 1;
                var classifier = penultimate ? new LinearClassifier(model.Head.Weight.detach(), model.Head.Bias?.detach()) : null;
                second[i] = new NeuralCollapseAccumulator(statistics[i]!, classifier, options);
            }
            if (caching)
            {
                foreach (var (features, y) in cache)
                    for (int i = 0; i < count; i++) second[i]!.Add(features[i], y);
            }
            else
            {
                for (long start = 0; start < n; start += BatchSize)
                {
                    using var scope = NewDisposeScope();
                    long size = Math.Min(BatchSize, n - start);
                    var y = labels.narrow(0, start, size);
                    var features = Select(model.Run(inputs.narrow(0, start, size), tapLayers: layers), count);
                    for (int i = 0; i < count; i++) second[i]!.Add(features[i], y);
                }
            }

            var metrics = second.Select(s => s!.Complete()).ToArray();
            var gram = CentredMeanGram.Compute(statistics[count - 1]!, options);
            double seconds = clock.Elapsed.TotalSeconds;
            var rows = new List<MeasurementRow>(count);
            for (int i = 0; i < count - 1; i++)
            {
                rows.Add(MeasurementRow.From(epoch, split, model.LayerNames[i], metrics[i],
                    ("train_seconds", trainSeconds), ("measure_seconds", seconds)));
            }
            rows.Add(MeasurementRow.From(epoch, split, MeasurementRow.Penultimate, metrics[count - 1],
                ("loss", lossSum.item<double>() / n),
                (MetricNames.Accuracy, correct.item<long>() / (double)n),
                ("train_seconds", trainSeconds), ("measure_seconds", seconds)));
            return new Result(rows, gram, seconds);
        }
        finally
        {
            foreach (var accumulator in second) accumulator?.Dispose();
            foreach (var s in statistics) s?.Dispose();
            foreach (var accumulator in first) accumulator?.Dispose();
        }
    }

    /// <summary>The measured features of a pass: the tapped layers but the last, then the penultimate features.</summary>
    private static Tensor[] Select(ClassifierPass pass, int count) =>
        count == 1 ? [pass.Features] : [.. pass.Layers.Take(count - 1), pass.Features];
}
