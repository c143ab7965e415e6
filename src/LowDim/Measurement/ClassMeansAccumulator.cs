using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Measurement;

/// <summary>
/// The first pass over labelled features, batch by batch: per-class counts and sums, for features
/// that do not fit in memory. <see cref="Complete"/> gives the class means.
/// </summary>
/// <remarks>
/// Each class is summed as offsets from its first sample: chunks of those residuals are summed in
/// the features' dtype and added to float64 totals. Plain float32 sums would move the means by
/// about 1e-7 of the features' size, which shows in nc1_quotient of features with a common offset
/// and in nc2 near collapse; residual sums err by 1e-7 of the within-class spread instead.
/// NaN or Inf in the features is found here, with the row that holds it.
/// </remarks>
public sealed class ClassMeansAccumulator : IDisposable
{
    private readonly int _classes;
    private readonly NeuralCollapseOptions _options;
    private Tensor? _sums;
    private Tensor? _counts;
    private Tensor? _shifts;
    private readonly bool[] _shifted;
    private ScalarType _featureType;
    private long _rowsSeen;

    /// <summary>Starts an empty pass for labels in 0..<paramref name="classes"/>−1.</summary>
    public ClassMeansAccumulator(int classes, NeuralCollapseOptions? options = null)
    {
        if (classes < 2)
            throw new InvalidInputException($"neural collapse needs at least 2 classes, got {classes}");
        _classes = classes;
        _shifted = new bool[classes];
        _options = options ?? NeuralCollapseOptions.Default;
    }

    /// <summary>Adds a batch: (n, d) floating-point features and (n) integer labels.</summary>
    public void Add(Tensor features, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var y = FeatureBatch.CheckedLabels(features, labels, _classes, _sums?.shape[1]);
        if (_sums is null)
        {
            _featureType = features.dtype;
            _sums = zeros(_classes, features.shape[1], ScalarType.Float64, features.device).DetachFromDisposeScope();
            _counts = zeros(_classes, ScalarType.Int64, features.device).DetachFromDisposeScope();
            _shifts = zeros(_classes, features.shape[1], FeatureBatch.ComputeType(features.dtype), features.device).DetachFromDisposeScope();
        }
        else if (features.dtype != _featureType)
        {
            throw new InvalidInputException($"features are {features.dtype} here but {_featureType} before");
        }

        _counts!.add_(bincount(y, minlength: _classes));
        int chunk = FeatureBatch.ChunkRows(_options, features.shape[1], features.dtype, 8L << 20);
        var computeType = FeatureBatch.ComputeType(features.dtype);
        var partial = empty(_classes, features.shape[1], computeType, features.device);
        for (long start = 0; start < features.shape[0]; start += chunk)
        {
            using var step = NewDisposeScope();
            long rows = Math.Min(chunk, features.shape[0] - start);
            var h = features.narrow(0, start, rows).to(computeType);
            var labelsHere = y.narrow(0, start, rows);
            SetShifts(h, labelsHere);
            // The residuals negated, shift − h, built in the gathered shifts: one chunk-sized buffer, not two.
            var negatedResiduals = _shifts!.index_select(0, labelsHere).sub_(h);
            _sums.sub_(partial.zero_().index_add_(0, labelsHere, negatedResiduals, 1));
        }
        // NaN and Inf reach the float64 sums whatever their row; look for the row only when they did.
        if (!_sums.isfinite().all().item<bool>())
            throw NonFinite(features, _rowsSeen);
        _rowsSeen += features.shape[0];
    }

    /// <summary>The class statistics of everything added. The accumulator cannot be used afterwards.</summary>
    public ClassStatistics Complete()
    {
        if (_sums is null || _rowsSeen == 0)
            throw new InvalidInputException("no samples to measure");
        using var scope = NewDisposeScope();
        long[] counts = _counts!.cpu().data<long>().ToArray();
        var means = _sums.div_(_counts.clamp_min(1).to(ScalarType.Float64).unsqueeze(1)).add_(_shifts!);
        _sums = null;
        return new ClassStatistics(means, counts, _featureType);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _sums?.Dispose();
        _counts?.Dispose();
        _shifts?.Dispose();
    }

    /// <summary>Takes each class's first sample as its shift, the first time the class appears.</summary>
    private void SetShifts(Tensor h, Tensor labels)
    {
        if (_shifted.All(done => done)) return;
        long[] values = labels.cpu().data<long>().ToArray();
        for (int i = 0; i < values.Length; i++)
        {
            if (_shifted[values[i]]) continue;
            _shifts![values[i]] = h[i];
            _shifted[values[i]] = true;
        }
    }

    private static InvalidInputException NonFinite(Tensor features, long offset)
    {
        var bad = nonzero(features.isfinite().all(1).logical_not());
        if (bad.shape[0] == 0)
            return new InvalidInputException($"features in rows {offset}..{offset + features.shape[0] - 1} are too large to sum in {features.dtype}; rescale them or pass float64");
        long row = offset + bad[0, 0].item<long>();
        return new InvalidInputException($"features contain NaN or Inf (first in row {row})");
    }
}
