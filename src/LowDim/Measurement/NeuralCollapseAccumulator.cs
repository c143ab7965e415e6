using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Measurement;

/// <summary>
/// The second pass over labelled features, batch by batch, given the class means of the first:
/// accumulates everything the metrics need without forming a d × d matrix.
/// </summary>
/// <remarks>
/// Each chunk is centred on its class means first, d_i = h_i − μ_{y_i}, so that no quantity is a
/// small difference of large ones even in float32. One matrix product per chunk, d_i ↦ [Uᵀ; W] d_i
/// with U the left singular vectors of M_c, then gives:
/// nc1 = (1/N) Σ_i Σ_{j&lt;r} (u_jᵀ d_i)²/s_j²; the nearest class mean from
/// ‖h_i − μ_k‖² − ‖d_i‖² = ‖μ_{y_i} − μ_k‖² + 2 d_iᵀ(μ_{y_i} − μ_k), where
/// μ_{y} − μ_k = U S Vᵀ(e_y − e_k) exactly; and the logits W d_i + W μ_{y_i} + b.
/// Extra memory is O(chunk · d + (K + d) K). Per-sample quantities stay in the features' precision
/// (float32 logits and distances, as the network computes them); every sum over samples is float64.
/// </remarks>
public sealed class NeuralCollapseAccumulator : IDisposable
{
    private readonly ClassStatistics _statistics;
    private readonly NeuralCollapseOptions _options;
    private readonly CentredMeans _geometry;
    private readonly Tensor? _weight;
    private readonly ScalarType _computeType;
    private readonly long _projectionRank;
    private readonly List<Tensor> _owned = [];
    private readonly Tensor _means;
    private readonly Tensor _projection;
    private readonly Tensor _scaledVh;
    private readonly bool _allPresent;
    private readonly Tensor _presentIndex;
    private readonly Tensor _presentClasses;
    private readonly Tensor _meanDistances;
    private readonly Tensor? _logitOffsets;
    private readonly Tensor _columnSquares;
    private readonly Tensor _classSquares;
    private readonly Tensor _correct;
    private readonly Tensor _nearestMeanCorrect;
    private readonly Tensor _disagreements;
    private long _samples;

    /// <summary>Prepares the second pass.</summary>
    /// <param name="statistics">The class means from <see cref="ClassMeansAccumulator"/>; not owned.</param>
    /// <param name="classifier">The last layer, or null to leave out the metrics that need it.</param>
    /// <param name="options">The options the first pass used.</param>
    public NeuralCollapseAccumulator(ClassStatistics statistics, LinearClassifier? classifier = null, NeuralCollapseOptions? options = null)
    {
        _statistics = statistics;
        _options = options ?? NeuralCollapseOptions.Default;
        _computeType = FeatureBatch.ComputeType(statistics.FeatureType);
        var device = statistics.Means.device;
        _geometry = new CentredMeans(statistics, _options);
        try
        {
            using var scope = NewDisposeScope();
            _weight = classifier is null ? null : CheckedWeight(classifier, statistics);
            _means = statistics.Means.to(_computeType);
            var basis = _geometry.U.t();
            _projectionRank = basis.shape[0];
            var projection = _weight is null ? basis : cat([basis, _weight], 0);
            _projection = projection.to(_computeType, device).t();
            _scaledVh = _geometry.Vh.mul(_geometry.Singular.unsqueeze(1)).to(_computeType, device);

            var presentIndex = new long[statistics.Classes];
            for (int p = 0; p < _geometry.Present.Length; p++) presentIndex[_geometry.Present[p]] = p;
            _allPresent = _geometry.Present.Length == statistics.Classes;
            _presentIndex = tensor(presentIndex, device: device);
            _presentClasses = tensor(_geometry.Present.Select(k => (long)k).ToArray(), device: device);
            _meanDistances = _geometry.SquaredDistances.to(_computeType, device);
            if (_weight is not null)
            {
                var bias = classifier!.Bias is null
                    ? zeros(statistics.Classes, ScalarType.Float64)
                    : classifier.Bias.to(ScalarType.Float64).cpu();
                var offsets = statistics.Means.cpu().mm(_weight.t()).add_(bias);
                _logitOffsets = offsets.to(_computeType, device);
            }
            _columnSquares = zeros(_projectionRank, ScalarType.Float64, device);
            _classSquares = zeros(statistics.Classes, ScalarType.Float64, device);
            _correct = zeros(1, ScalarType.Int64, device);
            _nearestMeanCorrect = zeros(1, ScalarType.Int64, device);
            _disagreements = zeros(1, ScalarType.Int64, device);
            Keep(_weight, _means, _projection, _scaledVh, _presentIndex, _presentClasses, _meanDistances, _logitOffsets,
                 _columnSquares, _classSquares, _correct, _nearestMeanCorrect, _disagreements);
        }
        catch
        {
            _geometry.Dispose();
            throw;
        }
    }

    private void Keep(params Tensor?[] tensors)
    {
        foreach (var tensor in tensors)
        {
            if (tensor is null) continue;
            _owned.Add(tensor.DetachFromDisposeScope());
        }
    }

    /// <summary>Adds a batch: (n, d) features and (n) labels, the same samples as in the first pass.</summary>
    public void Add(Tensor features, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var y = FeatureBatch.CheckedLabels(features, labels, _statistics.Classes, _statistics.Dimension);
        int chunk = FeatureBatch.ChunkRows(_options, features.shape[1], features.dtype, 8L << 20);
        for (long start = 0; start < features.shape[0]; start += chunk)
        {
            using var step = NewDisposeScope();
            long rows = Math.Min(chunk, features.shape[0] - start);
            Accumulate(features.narrow(0, start, rows).to(_computeType), y.narrow(0, start, rows));
        }
        _samples += features.shape[0];
    }

    private void Accumulate(Tensor h, Tensor y)
    {
        // centred holds μ_y − h = −d, and projected −[Uᵀ; W] d: signs cancel in every squared
        // quantity and are folded into the products and offsets below.
        var centred = _means.index_select(0, y).sub_(h);
        var squaredNorms = linalg.vector_norm(centred, 2, [1]).to(ScalarType.Float64).square();
        _classSquares.index_add_(0, y, squaredNorms, 1);

        var projected = centred.mm(_projection);
        var coordinates = projected.narrow(1, 0, _projectionRank);
        _columnSquares.add_(coordinates.square().sum([0], type: ScalarType.Float64));

        // With B[i, k] = d_iᵀ(μ_k − μ_G), the nearest mean minimises ‖μ_y − μ_k‖² + 2(B[i, y] − B[i, k]);
        // B[i, y] is the same for every k, so ‖μ_y − μ_k‖² − 2 B[i, k] = ‖μ_y − μ_k‖² + 2 coordinates · S Vᵀ.
        var own = _allPresent ? y : _presentIndex.index_select(0, y);
        var score = _meanDistances.index_select(0, own).addmm_(coordinates, _scaledVh, beta: 1, alpha: 2);
        var nearest = _allPresent ? score.argmin(1) : _presentClasses.index_select(0, score.argmin(1));
        _nearestMeanCorrect.add_(nearest.eq(y).sum());

        if (_logitOffsets is not null)
        {
            var logits = _logitOffsets.index_select(0, y).sub_(projected.narrow(1, _projectionRank, _statistics.Classes));
            var predicted = logits.argmax(1);
            _correct.add_(predicted.eq(y).sum());
            _disagreements.add_(predicted.ne(nearest).sum());
        }
    }

    /// <summary>The metrics of everything added.</summary>
    public NeuralCollapseMetrics Complete()
    {
        if (_samples != _statistics.Samples)
            throw new InvalidInputException($"the second pass saw {_samples} samples but the first saw {_statistics.Samples}");
        using var scope = NewDisposeScope();
        var geometry = _geometry;
        double n = _samples;
        int present = geometry.Present.Length;

        double[] columnSquares = _columnSquares.cpu().data<double>().ToArray();
        double[] singular = geometry.Singular.data<double>().ToArray();
        double nc1 = 0;
        for (int j = 0; j < geometry.Rank; j++) nc1 += columnSquares[j] / (singular[j] * singular[j]);
        nc1 /= n;

        double[] classSquares = _classSquares.cpu().data<double>().ToArray();
        double withinTrace = classSquares.Sum() / n;
        double betweenTrace = geometry.Rows.square().sum().item<double>() / present;
        double[] variances = geometry.Present.Select((k, p) => classSquares[k] / geometry.Counts[p]).ToArray();

        var rows = geometry.Rows;
        var gram = rows.mm(rows.t());
        Tensor? weightRows = _weight?.index_select(0, tensor(geometry.Present.Select(k => (long)k).ToArray()));

        var warnings = new List<string>();
        var missing = Enumerable.Range(0, _statistics.Classes).Except(geometry.Present).ToArray();
        if (missing.Length > 0)
            warnings.Add($"{missing.Length} of {_statistics.Classes} classes have no samples and are left out: {string.Join(", ", missing.Take(20))}{(missing.Length > 20 ? ", ..." : "")}");
        if (geometry.Rank < Math.Min(present - 1, _statistics.Dimension))
            warnings.Add($"the centred class means have numerical rank {geometry.Rank}, below min(K - 1, d) = {Math.Min(present - 1, _statistics.Dimension)}; nc1 uses that rank");

        return new NeuralCollapseMetrics
        {
            N = _samples,
            D = _statistics.Dimension,
            K = _statistics.Classes,
            ClassesPresent = present,
            Rank = geometry.Rank,
            GlobalMean = _options.GlobalMean,
            RankTolerance = geometry.RankTolerance,
            Nc1 = nc1,
            Nc1Quotient = withinTrace / betweenTrace,
            Nc1Cdnv = CollapseGeometry.Cdnv(geometry.SquaredDistances, variances),
            Nc2Equinorm = CollapseGeometry.Equinorm(rows),
            Nc2Equiangular = CollapseGeometry.Equiangular(rows),
            Nc2Maxangle = CollapseGeometry.Maxangle(rows),
            Nc2Etf = CollapseGeometry.EtfDistance(gram),
            Nc2EquinormW = weightRows is null ? null : CollapseGeometry.Equinorm(weightRows),
            Nc2EtfW = weightRows is null ? null : CollapseGeometry.EtfDistance(weightRows.mm(weightRows.t())),
            Nc3 = weightRows is null ? null : CollapseGeometry.SquaredNormalisedDistance(weightRows, rows),
            Nc3Zhu = weightRows is null ? null : CollapseGeometry.EtfDistance(weightRows.mm(rows.t())),
            Nc4 = _weight is null ? null : _disagreements.item<long>() / n,
            Accuracy = _weight is null ? null : _correct.item<long>() / n,
            NccAccuracy = _nearestMeanCorrect.item<long>() / n,
            Warnings = warnings,
        };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var tensor in _owned) tensor.Dispose();
        _owned.Clear();
        _geometry.Dispose();
    }

    /// <summary>The classifier's weights as (K, d) float64 on the CPU, after checking shapes and values.</summary>
    private static Tensor CheckedWeight(LinearClassifier classifier, ClassStatistics statistics)
    {
        var weight = classifier.Weight;
        if (weight.dim() != 2 || weight.shape[0] != statistics.Classes || weight.shape[1] != statistics.Dimension)
            throw new InvalidInputException($"weights must have shape (K, d) = ({statistics.Classes}, {statistics.Dimension}), got {FeatureBatch.Shape(weight)}");
        if (!weight.is_floating_point())
            throw new InvalidInputException($"weights must be floating point, got {weight.dtype}");
        if (classifier.Bias is Tensor bias)
        {
            if (bias.dim() != 1 || bias.shape[0] != statistics.Classes)
                throw new InvalidInputException($"bias must have shape (K) = ({statistics.Classes}), got {FeatureBatch.Shape(bias)}");
            if (!bias.is_floating_point())
                throw new InvalidInputException($"bias must be floating point, got {bias.dtype}");
            if (!bias.isfinite().all().item<bool>())
                throw new InvalidInputException("bias contains NaN or Inf");
        }
        var result = weight.to(ScalarType.Float64).cpu();
        if (!result.isfinite().all().item<bool>())
            throw new InvalidInputException("weights contain NaN or Inf");
        return result;
    }
}
