using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;
using LowDim.Measurement;

namespace LowDim.Tests.Measurement;

/// <summary>
/// Agreement with tools/reference/nc_reference.py, a float64 d × d implementation in PyTorch,
/// on small balanced, imbalanced, d &lt; K − 1, near-collapse, K = 2 and offset cases, for both
/// global-mean conventions. Its inputs are float32 values, so both dtypes see the same numbers.
/// </summary>
public class GoldenValueTests
{
    private static readonly string GoldenPath = Path.Combine(AppContext.BaseDirectory, "golden", "nc_golden.json");

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in Load().RootElement.GetProperty("cases").EnumerateArray())
            data.Add(c.GetProperty("name").GetString()!, c.GetProperty("global_mean").GetString()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float64MatchesTheReference(string name, string globalMean) =>
        // Two float64 implementations (eigh of d × d Σ_B against the SVD of M_c): rounding only.
        Check(name, globalMean, ScalarType.Float64, Tolerance.Float64, 1e-13);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float32MatchesTheReference(string name, string globalMean) =>
        // float32 products over d ≤ 24 terms, accumulated in float64: a few ε = 1.2e-7.
        Check(name, globalMean, ScalarType.Float32, Tolerance.Float32, 1e-9);

    private static void Check(string name, string globalMean, ScalarType dtype, double relative, double absolute)
    {
        using var scope = NewDisposeScope();
        var c = Load().RootElement.GetProperty("cases").EnumerateArray()
            .Single(e => e.GetProperty("name").GetString() == name && e.GetProperty("global_mean").GetString() == globalMean);
        var features = Matrix(c.GetProperty("features")).to(dtype);
        var labels = tensor(c.GetProperty("labels").EnumerateArray().Select(v => v.GetInt64()).ToArray());
        LinearClassifier? classifier = null;
        if (c.GetProperty("weight").ValueKind != JsonValueKind.Null)
        {
            var bias = c.GetProperty("bias").ValueKind == JsonValueKind.Null ? null : Vector(c.GetProperty("bias")).to(dtype);
            classifier = new LinearClassifier(Matrix(c.GetProperty("weight")).to(dtype), bias);
        }
        var options = new NeuralCollapseOptions
        {
            GlobalMean = globalMean == "sample" ? GlobalMean.Sample : GlobalMean.Class,
            RankTolerance = c.GetProperty("rtol").GetDouble(),
            ChunkRows = 32,
        };
        var measured = NeuralCollapse.Measure(features, labels, c.GetProperty("classes").GetInt32(), classifier, options);
        Assert.Equal(c.GetProperty("rank").GetInt32(), measured.Rank);
        var expected = c.GetProperty("metrics");
        foreach (var (metric, value) in measured.ByName())
        {
            var reference = expected.GetProperty(metric);
            if (reference.ValueKind == JsonValueKind.Null)
            {
                // The reference leaves the spread of K = 2's single angle undefined; we report 0.
                if (metric == MetricNames.Nc2Equiangular) Assert.Equal(0.0, value);
                else Assert.Null(value);
                continue;
            }
            Tolerance.Close(reference.GetDouble(), value!.Value, relative, absolute, $"{name}/{globalMean}/{dtype}: {metric}");
        }
    }

    private static JsonDocument? _golden;

    private static JsonDocument Load() => _golden ??= JsonDocument.Parse(File.ReadAllText(GoldenPath));

    private static Tensor Matrix(JsonElement rows) =>
        stack(rows.EnumerateArray().Select(Vector).ToArray());

    private static Tensor Vector(JsonElement values) =>
        tensor(values.EnumerateArray().Select(v => v.GetDouble()).ToArray());
}
