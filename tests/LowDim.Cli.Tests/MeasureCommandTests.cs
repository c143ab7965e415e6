using System.Text.Json;
using LowDim.Measurement;
using static LowDim.Cli.Tests.CliRunner;

namespace LowDim.Cli.Tests;

public class MeasureCommandTests
{
    private static readonly string Safetensors = Example("features.safetensors");

    private static string[] NpyArgs(params string[] extra) =>
    [
        "measure", "--features", Example("features.npy"), "--labels", Example("labels.npy"),
        "--weights", Example("weight.npy"), "--bias", Example("bias.npy"), .. extra,
    ];

    [Fact]
    public void JsonHasExactlyTheContractKeys()
    {
        var (code, output, error) = Run(NpyArgs("--json"));
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var keys = json.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();
        var expected = MetricNames.All.Concat(["n", "d", "k", "timing"]).ToHashSet();
        Assert.Equal(expected, keys);
        Assert.Equal(["load_seconds", "compute_seconds"], json.RootElement.GetProperty("timing").EnumerateObject().Select(p => p.Name));
        Assert.Equal(10000, json.RootElement.GetProperty("n").GetInt64());
        Assert.Equal(64, json.RootElement.GetProperty("d").GetInt64());
        Assert.Equal(10, json.RootElement.GetProperty("k").GetInt64());
        // make_example_features.py printed this test accuracy for the same network.
        Assert.Equal(0.8769, json.RootElement.GetProperty("accuracy").GetDouble(), 12);
        Assert.Single(output.Trim().Split('\n'));
    }

    [Fact]
    public void WithoutWeightsTheMetricsThatNeedThemAreLeftOut()
    {
        var (code, output, _) = Run("measure", "--features", Example("features.npy"), "--labels", Example("labels.npy"), "--json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        foreach (var name in MetricNames.All)
            Assert.Equal(!MetricNames.NeedClassifier.Contains(name), json.RootElement.TryGetProperty(name, out _));
    }

    [Fact]
    public void SafetensorsAndNpyGiveTheSameNumbers()
    {
        var fromNpy = Metrics(Run(NpyArgs("--json")).Output);
        var (code, output, error) = Run("measure", "--features", Safetensors + ":features", "--labels", Safetensors + ":labels",
            "--weights", Safetensors + ":weight", "--bias", Safetensors + ":bias", "--json");
        Assert.True(code == 0, error);
        Assert.Equal(fromNpy, Metrics(output));
    }

    [Fact]
    public void CsvCarriesItsOwnLabels()
    {
        var (code, output, error) = Run("measure", "--features", Example("features.csv"), "--global-mean", "sample", "--json");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(500, json.RootElement.GetProperty("n").GetInt64());
    }

    [Fact]
    public void TableNamesEveryMetric()
    {
        var (code, output, _) = Run(NpyArgs());
        Assert.Equal(0, code);
        foreach (var name in MetricNames.All) Assert.Contains(name, output);
        Assert.Contains("N = 10,000, d = 64, K = 10", output);
    }

    [Fact]
    public void BadFilesGiveOneLineNamingTheFileAndExitCode2()
    {
        string folder = Directory.CreateTempSubdirectory("lowdim-cli-").FullName;
        try
        {
            string truncated = Path.Combine(folder, "truncated.npy");
            File.WriteAllBytes(truncated, File.ReadAllBytes(Example("features.npy"))[..1000]);
            string garbage = Path.Combine(folder, "garbage.npy");
            File.WriteAllText(garbage, "not an array");
            string fewer = Path.Combine(folder, "fewer.csv");
            File.WriteAllText(fewer, "a,b,label\n1,2,0\n3,4\n");

            Expect(Run("measure", "--features", truncated, "--labels", Example("labels.npy")), truncated, "truncated");
            Expect(Run("measure", "--features", garbage, "--labels", Example("labels.npy")), garbage, "");
            Expect(Run("measure", "--features", fewer), fewer, "line 3");
            Expect(Run("measure", "--features", Example("features.npy"), "--labels", Example("bias.npy")), Example("bias.npy"), "integers");
            Expect(Run("measure", "--features", Example("features.npy"), "--labels", Example("labels.npy"), "--weights", Example("bias.npy")), Example("bias.npy"), "2-D");
            Expect(Run("measure", "--features", Safetensors, "--labels", Example("labels.npy")), Safetensors, "holds 4 tensors");
            Expect(Run("measure", "--features", Path.Combine(folder, "missing.npy"), "--labels", Example("labels.npy")), "missing.npy", "no such file");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void UsageErrorsExitWith2()
    {
        var (code, _, error) = Run("measure", "--labels", Example("labels.npy"));
        Assert.Equal(2, code);
        Assert.Contains("--features", error);
        (code, _, error) = Run("measure", "--features", Example("features.npy"), "--labels", Example("labels.npy"), "--global-mean", "median");
        Assert.Equal(2, code);
        Assert.Contains("median", error);
    }

    private static void Expect((int ExitCode, string Output, string Error) result, string path, string phrase)
    {
        Assert.Equal(2, result.ExitCode);
        string line = Assert.Single(result.Error.Trim().Split('\n'));
        Assert.StartsWith("error: ", line);
        Assert.Contains(path, line);
        Assert.Contains(phrase, line);
        Assert.Equal("", result.Output);
    }

    private static Dictionary<string, double> Metrics(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().Where(p => MetricNames.All.Contains(p.Name)).ToDictionary(p => p.Name, p => p.Value.GetDouble());
    }
}

public class HelpTests
{
    [Fact]
    public void HelpNamesTheCommandLowdim()
    {
        var (code, output, _) = CliRunner.Run("measure", "--help");
        Assert.Equal(0, code);
        Assert.Contains("lowdim measure [options]", output);
        Assert.Contains("--global-mean <class|sample>", output);
    }
}
