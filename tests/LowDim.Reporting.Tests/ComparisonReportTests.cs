using System.Text.RegularExpressions;
using LowDim.Tests.Data;

namespace LowDim.Reporting.Tests;

public class ComparisonReportTests
{
    private static readonly string[] PlotFiles =
    [
        "compare_accuracy_test.png", "compare_loss_train.png", "compare_nc1_train.png", "compare_nc2_etf_train.png",
        "compare_nc3_train.png", "compare_nc4_train.png",
    ];

    [Fact]
    public void OverlaysTwoRuns()
    {
        using var temp = new TempFolder();
        string ce = SyntheticRun.Write(temp.File("20260101-000000-ce"), name: "ce", loss: "ce");
        string mse = SyntheticRun.Write(temp.File("20260101-010000-mse"), name: "mse", loss: "mse");
        string output = temp.File("out/compare.html");

        Assert.Equal(output, ComparisonReport.Write([ce, mse], output));

        Assert.Equal(PlotFiles, Directory.GetFiles(temp.File("out/compare-plots")).Select(Path.GetFileName).Order());
        foreach (string file in Directory.GetFiles(temp.File("out/compare-plots")))
            Assert.Equal((800, 500), Png.Size(File.ReadAllBytes(file)));
        string html = File.ReadAllText(output);
        Assert.Equal(PlotFiles.Length, Regex.Count(html, "<img [^>]*src=\"data:image/png;base64,"));
        Assert.DoesNotContain("http", html);
        Assert.Contains("<td>ce</td>", html);
        Assert.Contains("<td>mse</td>", html);
    }

    [Fact]
    public void RunsOfTheSameNameAreToldApartByFolder()
    {
        using var temp = new TempFolder();
        string first = SyntheticRun.Write(temp.File("20260101-000000-default"), name: "default");
        string second = SyntheticRun.Write(temp.File("20260102-000000-default"), name: "default");
        string html = File.ReadAllText(ComparisonReport.Write([first, second, first], temp.File("compare.html")));
        Assert.Contains("<td>20260101-000000-default</td>", html);
        Assert.Contains("<td>20260102-000000-default</td>", html);
        Assert.Contains("<td>20260101-000000-default (3)</td>", html);
    }

    [Fact]
    public void ABadRunIsNamed()
    {
        using var temp = new TempFolder();
        string run = SyntheticRun.Write(temp.File("run"));
        var e = Assert.Throws<DataFileException>(() => ComparisonReport.Write([run, temp.Path], temp.File("compare.html")));
        Assert.Equal(temp.Path, e.Path);
        Assert.False(File.Exists(temp.File("compare.html")));
    }
}
