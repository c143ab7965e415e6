using LowDim.Reporting.Tests;
using LowDim.Tests.Data;
using static LowDim.Cli.Tests.CliRunner;

namespace LowDim.Cli.Tests;

public class ReportCommandTests
{
    [Fact]
    public void OneRunRegeneratesItsReport()
    {
        using var temp = new TempFolder();
        string run = SyntheticRun.Write(temp.File("run"));
        var (code, output, error) = Run("report", run);
        Assert.True(code == 0, error);
        Assert.Equal(Path.Combine(run, "report.html") + Environment.NewLine, output);
        Assert.True(File.Exists(Path.Combine(run, "report.html")));
        Assert.True(File.Exists(Path.Combine(run, "plots", "nc1.png")));
    }

    [Fact]
    public void SeveralRunsMakeOneComparison()
    {
        using var temp = new TempFolder();
        string first = SyntheticRun.Write(temp.File("a"), name: "a");
        string second = SyntheticRun.Write(temp.File("b"), name: "b");
        string page = temp.File("both.html");
        var (code, output, error) = Run("report", first, second, "--out", page);
        Assert.True(code == 0, error);
        Assert.Equal(page, output.Trim());
        Assert.True(File.Exists(page));
        Assert.True(File.Exists(temp.File("both-plots/compare_nc1_train.png")));
    }

    [Fact]
    public void AFolderThatIsNotARunIsOneLineAndExitCode2()
    {
        using var temp = new TempFolder();
        var (code, output, error) = Run("report", temp.Path);
        Assert.Equal(LowDimCli.BadInput, code);
        Assert.Equal("", output);
        Assert.Equal($"error: {temp.Path}: not a run folder (it has no metrics.csv){Environment.NewLine}", error);
    }

    [Fact]
    public void OutIsOnlyForComparisons()
    {
        using var temp = new TempFolder();
        string run = SyntheticRun.Write(temp.File("run"));
        var (code, _, error) = Run("report", run, "--out", temp.File("x.html"));
        Assert.Equal(LowDimCli.BadInput, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("--out is for comparing several runs", error);
    }

    [Fact]
    public void NoRunIsAUsageError()
    {
        var (code, _, error) = Run("report");
        Assert.Equal(LowDimCli.BadInput, code);
        Assert.StartsWith("error: ", error);
    }
}
