using System.Text.Json;
using LowDim.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Tests.Training;

/// <summary>
/// Agreement with tools/reference/losses_reference.py (PyTorch 1.13) on the loss and its gradient with respect to
/// the logits, for every kind, in both dtypes.
/// </summary>
public class LossGoldenTests
{
    private static readonly string GoldenPath = Path.Combine(AppContext.BaseDirectory, "golden", "losses.json");
    private static readonly Lazy<JsonDocument> Golden = new(() => JsonDocument.Parse(File.ReadAllText(GoldenPath)));

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in Golden.Value.RootElement.GetProperty("cases").EnumerateArray()) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float64MatchesTheReference(string name) =>
        // The same float64 formulas in another order: rounding only.
        Check(name, ScalarType.Float64, 1e-12);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float32MatchesTheReference(string name) =>
        // float32 sums of 30 terms up to ~2,500 against PyTorch's float32: a few ε = 1.2e-7 relative.
        Check(name, ScalarType.Float32, 1e-6);

    private static void Check(string name, ScalarType dtype, double relative)
    {
        using var scope = NewDisposeScope();
        var root = Golden.Value.RootElement;
        var c = root.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        var parameters = c.GetProperty("params");
        double Parameter(string key, double otherwise) => parameters.TryGetProperty(key, out var v) ? v.GetDouble() : otherwise;
        var options = new LossOptions
        {
            Kind = c.GetProperty("kind").GetString()!,
            Smoothing = Parameter("smoothing", 0.1),
            FocalGamma = Parameter("gamma", 2),
            MseScale = Parameter("k", 1),
            MseTarget = Parameter("m", 1),
        };
        var logits = Matrix(root.GetProperty("logits")).to(dtype).requires_grad_();
        var labels = tensor(root.GetProperty("labels").EnumerateArray().Select(v => v.GetInt64()).ToArray());
        var expected = c.GetProperty(dtype == ScalarType.Float64 ? "float64" : "float32");

        var loss = ClassificationLoss.Create(options).Compute(logits, labels);
        loss.backward();

        Assert.Equal(dtype, loss.dtype);
        Assert.Equal(0, loss.ndim);
        double expectedLoss = expected.GetProperty("loss").GetDouble();
        Tolerance.Close(expectedLoss, loss.ToDouble(), relative, 0, $"{name} loss");
        var grad = logits.grad!.to(ScalarType.Float64);
        var expectedGrad = Matrix(expected.GetProperty("grad"));
        double scale = expectedGrad.abs().max().item<double>();
        Tolerance.Close(0, (grad - expectedGrad).abs().max().item<double>(), 0, relative * scale, $"{name} gradient");
    }

    private static Tensor Matrix(JsonElement rows) =>
        tensor(rows.EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray().SelectMany(r => r).ToArray(),
            dtype: ScalarType.Float64).reshape(rows.GetArrayLength(), -1);
}
