using System.Diagnostics;
using System.Text.Json;
using LowDim.Experiments;
using LowDim.Measurement;
using LowDim.Tests.Data;
using static LowDim.Cli.Tests.CliRunner;

namespace LowDim.Cli.Tests;

public class TrainCommandTests
{
    /// <summary>A run of a second or two: 3 Gaussian classes, a small MLP.</summary>
    private static string[] Tiny(string outDir, params string[] extra) =>
    [
        "train", "--dataset", "gaussian-mixture", "--mixture-dim", "8", "--mixture-classes", "3", "--mixture-per-class", "40",
        "--per-class", "none", "--widths", "16,16", "--batch-size", "16", "--epochs", "6", "--measure-at", "1,3",
        "--device", "cpu", "--out", outDir, "--name", "tiny", .. extra,
    ];

    [Fact]
    public void JsonLinesHaveTheContractKeysForEveryMeasuredLayer()
    {
        using var folder = new TempFolder();
        var (code, output, error) = Run(Tiny(folder.Path, "--json", "--no-report"));
        Assert.True(code == 0, error);
        var lines = output.Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        // Epochs 1, 3 and 6 (the last is always measured) x train, test x fc1, penultimate.
        Assert.Equal(3 * 2 * 2, lines.Count);
        var expected = new HashSet<string>(["epoch", "split", "layer", "loss", .. MetricNames.All, "train_seconds", "measure_seconds"]);
        Assert.All(lines, l => Assert.Equal(expected, l.EnumerateObject().Select(p => p.Name).ToHashSet()));
        Assert.Equal([1, 3, 6], lines.Select(l => l.GetProperty("epoch").GetInt32()).Distinct());
        var last = lines[^1];
        Assert.Equal("test", last.GetProperty("split").GetString());
        Assert.Equal("penultimate", last.GetProperty("layer").GetString());
        Assert.Equal(JsonValueKind.Number, last.GetProperty("nc4").ValueKind);
        Assert.Equal(JsonValueKind.Null, lines[0].GetProperty("nc4").ValueKind);
    }

    [Fact]
    public void ARunEndsWithItsReportAndPlainProgressWithoutATerminal()
    {
        using var folder = new TempFolder();
        var (code, output, error) = Run(Tiny(folder.Path));
        Assert.True(code == 0, error);
        Assert.Contains("epoch 6/6", output);
        Assert.Contains("epoch 3: neural collapse of the penultimate features", output);
        Assert.Contains("nc1 by layer (train): fc1", output);
        Assert.DoesNotContain("\u001b[", output);
        string run = Directory.GetDirectories(folder.Path).Single();
        Assert.True(File.Exists(Path.Combine(run, "report.html")));
        Assert.Contains($"report: {Path.Combine(run, "report.html")}", output);
    }

    [Fact]
    public void TheSpecFileIsOverriddenByOptionsAndRecordedResolved()
    {
        using var folder = new TempFolder();
        string specFile = folder.Write("spec.json", "{\"epochs\": 2, \"lr\": 0.01, \"measure_at\": \"last\"}");
        var (code, _, error) = Run([.. Tiny(folder.Path, "--no-report").Where(a => a is not ("--epochs" or "6" or "--measure-at" or "1,3")),
            "--spec", specFile, "--lr", "0.02"]);
        Assert.True(code == 0, error);
        var spec = RunFolder.Open(Directory.GetDirectories(folder.Path).Single()).Spec;
        Assert.Equal(2, spec.Epochs);
        Assert.Equal(0.02, spec.Lr);
        Assert.Equal([16, 16], spec.Widths!);
    }

    [Theory]
    [InlineData("--epochs", "zero", "--epochs: 'zero' is not a whole number")]
    [InlineData("--loss", "hinge", "--loss must be ce, mse, focal or ls, not 'hinge'")]
    [InlineData("--dataset", "imagenet", "unknown dataset 'imagenet'")]
    public void BadSettingsAreOneLineErrorsWithExitCode2(string option, string value, string message)
    {
        using var folder = new TempFolder();
        var (code, _, error) = Run([.. Tiny(folder.Path), option, value]);
        Assert.Equal(2, code);
        Assert.Contains(message, error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void AResumedRunCannotChangeItsSpec()
    {
        using var folder = new TempFolder();
        Assert.Equal(0, Run(Tiny(folder.Path, "--no-report", "--epochs", "1", "--measure-at", "last")).ExitCode);
        string run = Directory.GetDirectories(folder.Path).Single();
        var (code, _, error) = Run("train", "--resume", run, "--lr", "0.5");
        Assert.Equal(2, code);
        Assert.Contains("--lr cannot change", error);
    }

    /// <summary>
    /// kill -9 in the middle of a run, then --resume: the metrics end bit-identical to a run that was never
    /// stopped. Both runs are child processes with one thread each, so they compute alike.
    /// </summary>
    [Fact]
    public void ARunKilledWithSigkillResumesToTheSameMetrics()
    {
        using var folder = new TempFolder();
        string[] spec = [.. Tiny(folder.Path, "--no-report", "--threads", "1", "--epochs", "12", "--measure-at", "every", "--json")];
        Assert.Equal(0, Child([.. spec, "--name", "whole"]).WaitForExitCode());

        using var killed = Child([.. spec, "--name", "killed"]);
        string killedRun = WaitForCheckpoint(folder.Path, "-killed", epoch: 4);
        killed.Process.Kill();
        killed.Process.WaitForExit();
        Assert.True(Checkpoints(killedRun) < 12, "the run finished before it could be killed; make it longer");

        Assert.Equal(0, Child("train", "--resume", killedRun, "--json").WaitForExitCode());
        string wholeRun = Directory.GetDirectories(folder.Path).Single(d => d.EndsWith("-whole", StringComparison.Ordinal));
        Assert.Equal(Results(wholeRun), Results(killedRun));
    }

    private static Dictionary<string, double> Results(string run) =>
        MetricsCsv.Read(Path.Combine(run, "metrics.csv"))
            .SelectMany(r => r.Values.Where(v => !v.Key.EndsWith("_seconds", StringComparison.Ordinal))
                .Select(v => ($"{r.Epoch}/{r.Split}/{r.Layer}/{v.Key}", v.Value)))
            .ToDictionary(p => p.Item1, p => p.Value);

    private static int Checkpoints(string run) => LowDim.Training.Checkpoints.LatestEpoch(Path.Combine(run, "checkpoints")) ?? 0;

    private static string WaitForCheckpoint(string outDir, string suffix, int epoch)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            string? run = Directory.GetDirectories(outDir).FirstOrDefault(d => d.EndsWith(suffix, StringComparison.Ordinal));
            if (run is not null && Checkpoints(run) >= epoch) return run;
            Thread.Sleep(5);
        }
        throw new TimeoutException($"no checkpoint of epoch {epoch} within 60 s");
    }

    private static ChildProcess Child(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LowDim.Cli.dll"));
        foreach (string arg in args) start.ArgumentList.Add(arg);
        start.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        return new ChildProcess(Process.Start(start)!);
    }

    private sealed class ChildProcess : IDisposable
    {
        private readonly Task<string> _output;
        private readonly Task<string> _error;

        public ChildProcess(Process process)
        {
            Process = process;
            _output = process.StandardOutput.ReadToEndAsync();
            _error = process.StandardError.ReadToEndAsync();
        }

        public Process Process { get; }

        public int WaitForExitCode()
        {
            if (!Process.WaitForExit(TimeSpan.FromMinutes(2))) Process.Kill();
            Process.WaitForExit();
            Assert.True(Process.ExitCode == 0, _error.Result + _output.Result);
            return Process.ExitCode;
        }

        public void Dispose()
        {
            if (!Process.HasExited) Process.Kill();
            Process.Dispose();
        }
    }
}
