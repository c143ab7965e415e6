using System.Text.Json;
using static TorchSharp.torch;

namespace LowDim.Tests.Data;

/// <summary>The files made by tools/reference/make_io_fixtures.py and the values they hold.</summary>
internal static class IoFixtures
{
    public static string File(string name) => Path.Combine(AppContext.BaseDirectory, "golden", "io", name);

    /// <summary>expected.json: section ("npy", "safetensors", "csv") → file → what the file holds.</summary>
    public static JsonElement Expected(string section, string file)
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllText(File("expected.json")));
        return document.RootElement.GetProperty(section).GetProperty(file).Clone();
    }

    public static long[] Longs(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt64()).ToArray();

    public static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    /// <summary>Checks shape and every value exactly: each fixture value is exact in the file's dtype and in a double.</summary>
    public static void AssertHolds(JsonElement expected, Tensor actual)
    {
        Assert.Equal(Longs(expected.GetProperty("shape")), actual.shape);
        // TensorAccessor cannot copy out a 0-d tensor, so flatten first.
        using var flat = actual.reshape(-1);
        using var values = flat.to(ScalarType.Float64);
        Assert.Equal(Doubles(expected.GetProperty("values")), values.data<double>().ToArray());
    }

    /// <summary>Checks dtype, shape and every byte of the data.</summary>
    public static void AssertSame(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.dtype, actual.dtype);
        Assert.Equal(expected.shape, actual.shape);
        using var expectedData = expected.contiguous();
        Assert.Equal(expectedData.bytes.ToArray(), actual.bytes.ToArray());
    }

    /// <summary>A tensor of <paramref name="shape"/> and <paramref name="dtype"/> with varied values, fractions for floating dtypes.</summary>
    public static Tensor Sample(long[] shape, ScalarType dtype) => dtype switch
    {
        ScalarType.Bool => randint(0, 2, shape).to(dtype),
        ScalarType.Byte => randint(0, 256, shape).to(dtype),
        _ when is_floating_point(dtype) => (randn(shape, ScalarType.Float64) * 100).to(dtype),
        _ => randint(-128, 128, shape).to(dtype),
    };

    /// <summary>Asserts that <paramref name="action"/> fails on <paramref name="path"/> with a message that contains <paramref name="phrase"/>.</summary>
    public static DataFileException AssertBadFile(string path, string phrase, Action action)
    {
        var e = Assert.Throws<DataFileException>(action);
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains(phrase, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }
}
