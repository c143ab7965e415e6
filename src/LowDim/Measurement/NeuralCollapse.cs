using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Measurement;

/// <summary>
/// Measures neural collapse (NC1–NC4) of labelled features, exactly as defined in
/// <see cref="NeuralCollapseMetrics"/>, in two passes over the features and without forming any
/// d × d matrix.
/// </summary>
/// <example>
/// <code>
/// var metrics = NeuralCollapse.Measure(features, labels, classifier: new LinearClassifier(w, b));
/// Console.WriteLine(metrics.Nc1);
/// </code>
/// </example>
public static class NeuralCollapse
{
    /// <summary>Measures features held in memory (on any device).</summary>
    /// <param name="features">(N, d) float32 or float64 features.</param>
    /// <param name="labels">(N) integer labels in 0..K−1.</param>
    /// <param name="classes">K; null takes the classifier's number of rows, else the largest label + 1.</param>
    /// <param name="classifier">The last layer, or null to leave out the metrics that need it.</param>
    /// <param name="options">Global mean, rank tolerance and chunking.</param>
    public static NeuralCollapseMetrics Measure(
        Tensor features, Tensor labels, int? classes = null, LinearClassifier? classifier = null, NeuralCollapseOptions? options = null)
    {
        int k = classes ?? (classifier is null ? InferClasses(labels) : checked((int)classifier.Weight.shape[0]));
        return Measure(() => [(features, labels)], k, classifier, options);
    }

    /// <summary>
    /// Measures features that arrive in batches, for data that does not fit in memory. The
    /// enumerable is walked twice and must yield the same samples in the same order both times;
    /// tensors it creates while yielding a batch are disposed once that batch is used.
    /// </summary>
    /// <param name="batches">Gives a fresh enumeration of (features (n, d), labels (n)) batches.</param>
    /// <param name="classes">K, the number of classes the labels range over.</param>
    /// <param name="classifier">The last layer, or null to leave out the metrics that need it.</param>
    /// <param name="options">Global mean, rank tolerance and chunking.</param>
    public static NeuralCollapseMetrics Measure(
        Func<IEnumerable<(Tensor Features, Tensor Labels)>> batches, int classes, LinearClassifier? classifier = null, NeuralCollapseOptions? options = null)
    {
        options ??= NeuralCollapseOptions.Default;
        using var first = new ClassMeansAccumulator(classes, options);
        ForEach(batches, first.Add);
        using var statistics = first.Complete();
        using var second = new NeuralCollapseAccumulator(statistics, classifier, options);
        ForEach(batches, second.Add);
        return second.Complete();
    }

    /// <summary>The number of classes the labels imply: the largest label + 1.</summary>
    public static int InferClasses(Tensor labels)
    {
        if (labels.numel() == 0) throw new InvalidInputException("no samples to measure");
        if (labels.is_floating_point()) throw new InvalidInputException($"labels must be integers, got {labels.dtype}");
        long max = labels.max().to(ScalarType.Int64).item<long>();
        if (max >= int.MaxValue) throw new InvalidInputException($"label {max} is too large");
        return (int)Math.Max(max + 1, 0);
    }

    private static void ForEach(Func<IEnumerable<(Tensor Features, Tensor Labels)>> batches, Action<Tensor, Tensor> add)
    {
        using var enumerator = batches().GetEnumerator();
        while (true)
        {
            using var scope = NewDisposeScope();
            if (!enumerator.MoveNext()) break;
            add(enumerator.Current.Features, enumerator.Current.Labels);
        }
    }
}
