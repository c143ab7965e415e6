using System.Text.RegularExpressions;
using LowDim.Reporting.Plots;
using LowDim.Tests.Data;

namespace LowDim.Reporting.Tests;

public partial class UfmReportTests
{
    private static readonly string[] AllFiles =
        ["report.html", "ufm-metrics.png", "ufm-objective.png", "ufm-gram.png", "ufm-spectra.png", "ufm-seeds.png"];

    [Fact]
    public void WritesThePageAndEveryPlotAndReturnsTheirPaths()
    {
        using var temp = new TempFolder();
        string folder = temp.File("report");
        var written = UfmReport.Write(SyntheticUfm.Data(), folder);

        Assert.Equal(AllFiles.Select(name => Path.Combine(folder, name)), written);
        Assert.Equal(AllFiles.Order(), Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        foreach (string png in written.Skip(1))
        {
            var (width, height) = Png.Size(File.ReadAllBytes(png));
            Assert.True(width >= 800 && height >= 420, $"{png}: {width}×{height}");
        }
        // Six metric panels (five of the run report's, none of nc2_angles, and one for nc1_quotient) in two columns, under a title.
        Assert.Equal((2 * PanelGrid.PanelWidth, 3 * PanelGrid.PanelHeight), Rounded(Png.Size(File.ReadAllBytes(written[1]))));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp-*", SearchOption.AllDirectories));
    }

    [Fact]
    public void ThePageHoldsTheSummaryAndEmbedsEveryPlot()
    {
        using var temp = new TempFolder();
        string html = File.ReadAllText(UfmReport.Write(SyntheticUfm.Data(), temp.Path)[0]);

        Assert.Contains("<title>UFM &lt;ce&gt; &amp; friends</title>", html);
        Assert.Contains("ce, K = 4, d = 8, n = 5, &#x3BB;_W = 5e-4", html);
        Assert.Contains("<td>objective</td><td class=\"number\">0.1234567891</td>", html);
        Assert.Contains("<td>predicted objective</td><td class=\"number\">0.1234567890</td>", html);
        Assert.Contains("<td class=\"number\">3.2e-11</td>", html);
        Assert.Contains("<td>global optimum</td><td>yes</td>", html);
        Assert.Contains("no spurious minimum in 3 seeds", html);
        // One row per solve, with its last measured iteration.
        Assert.Contains("<td>seed 2</td><td class=\"number\">512</td>", html);

        var sources = Source().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(AllFiles.Length - 1, sources.Count);
        foreach (string source in sources)
        {
            Assert.StartsWith("data:image/png;base64,", source);
            Png.Size(Convert.FromBase64String(source["data:image/png;base64,".Length..]));
        }
        Assert.DoesNotContain("http", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void WithoutLayersGramOrSeedsOnlyTheIterationPlotsAreWritten()
    {
        using var temp = new TempFolder();
        var data = SyntheticUfm.Data(seeds: 1) with { WeightGram = null, Layers = null, SeedObjectives = [0.5] };
        var written = UfmReport.Write(data, temp.Path);

        Assert.Equal(["report.html", "ufm-metrics.png", "ufm-objective.png"], written.Select(Path.GetFileName));
        Assert.Equal(["report.html", "ufm-metrics.png", "ufm-objective.png"], temp.FileNames().Order());
        string html = File.ReadAllText(written[0]);
        Assert.Equal(2, Source().Matches(html).Count);
        Assert.DoesNotContain("<h2>Solves</h2>", html);
        Assert.DoesNotContain("faded", html);
    }

    [Fact]
    public void ZeroNaNAndTinyValuesAreDrawnOrCountedNotThrown()
    {
        using var temp = new TempFolder();
        var series = SyntheticUfm.Series(0);
        var metrics = new Dictionary<string, double[]>(series.Metrics)
        {
            ["nc1"] = [1, 0.1, 0, double.NaN, 1e-40, -1e-17, 1e-3, 1e-5, double.PositiveInfinity, 1e-8, 1e-12],
            ["nc4"] = new double[SyntheticUfm.Iterations.Length],
        };
        var data = SyntheticUfm.Data(seeds: 1) with { Series = [series with { Metrics = metrics }], SeedObjectives = null };
        string html = File.ReadAllText(UfmReport.Write(data, temp.Path)[0]);

        // nc1 has 0, 1e-40 and −1e-17 (moved to the floor, the decade below the panel's smallest shown value,
        // nc1_cdnv's 1.1e-15) and NaN and +∞ (left out).
        Assert.Contains("For nc1, nc1_cdnv: 3 values &#x2264; 0 or below 1e-30 are drawn on the dotted floor line at 1e-16, the decade below", html);
        Assert.Contains("2 non-finite values (NaN or infinite) are left out.", html);
        // nc4 is 0 throughout: every value lies on the floor.
        Assert.Contains("For nc4: 11 values &#x2264; 0 or below 1e-30 are drawn on the dotted floor line at 1e-30 (no value is above it).", html);
        Png.Size(File.ReadAllBytes(Path.Combine(temp.Path, "ufm-metrics.png")));
    }

    [Fact]
    public void NoSeriesGivesAPageWithTheSummaryAlone()
    {
        using var temp = new TempFolder();
        var data = new UfmReportData { Title = "empty", Problem = "mse, K = 2, d = 1, n = 1", Summary = [("objective", "1")] };
        var written = UfmReport.Write(data, temp.File("new/folder"));

        Assert.Equal([temp.File("new/folder/report.html")], written);
        Assert.Contains("Nothing to plot.", File.ReadAllText(written[0]));
    }

    [Fact]
    public void SeedsThatAllAgreeSitOnTheFloor()
    {
        using var temp = new TempFolder();
        var data = SyntheticUfm.Data(seeds: 1) with { SeedObjectives = [0.25, 0.25, double.NaN, 0.25] };
        string html = File.ReadAllText(UfmReport.Write(data, temp.Path)[0]);

        Assert.Contains("f_best = 0.25, relative to |f_best|", html);
        Assert.Contains("3 values &#x2264; 0 or below 1e-30 are drawn on the dotted floor line at 1e-30", html);
        Assert.Contains("1 non-finite value (NaN or infinite) is left out.", html);
    }

    [Fact]
    public void RewritingReplacesTheFilesAndLeavesNoTemporaryFile()
    {
        using var temp = new TempFolder();
        UfmReport.Write(SyntheticUfm.Data(), temp.Path);
        UfmReport.Write(SyntheticUfm.Data() with { Title = "second" }, temp.Path);

        Assert.Contains("<title>second</title>", File.ReadAllText(temp.File("report.html")));
        Assert.Equal(AllFiles.Order(), temp.FileNames());
    }

    [Fact]
    public void RewritingWithoutAPlotRemovesTheOldOne()
    {
        using var temp = new TempFolder();
        UfmReport.Write(SyntheticUfm.Data(), temp.Path);
        Assert.True(File.Exists(temp.File("ufm-spectra.png")));
        UfmReport.Write(SyntheticUfm.Data() with { Layers = null }, temp.Path);

        Assert.False(File.Exists(temp.File("ufm-spectra.png")));
        Assert.DoesNotContain("ufm-spectra", File.ReadAllText(temp.File("report.html")));
    }

    [Theory]
    [InlineData("objective")]
    [InlineData("metric")]
    [InlineData("iteration")]
    [InlineData("gram")]
    public void MalformedDataIsRejectedBeforeAnythingIsWritten(string fault)
    {
        using var temp = new TempFolder();
        var data = SyntheticUfm.Data(seeds: 1);
        var series = data.Series[0];
        data = fault switch
        {
            "objective" => data with { Series = [series with { Objective = [1.0] }] },
            "metric" => data with { Series = [series with { Metrics = new Dictionary<string, double[]> { ["nc1"] = [1.0, 2.0] } }] },
            "iteration" => data with { Series = [series with { Iterations = [-1, .. series.Iterations[1..]] }] },
            _ => data with { WeightGram = new double[2, 3] },
        };

        var error = Assert.Throws<ArgumentException>(() => UfmReport.Write(data, temp.File("out")));
        Assert.Contains(fault == "gram" ? "K × K" : "seed 0", error.Message);
        Assert.False(Directory.Exists(temp.File("out")));
    }

    [Fact]
    public void TheLogFloorIsTheDecadeBelowTheSmallestShownValue()
    {
        var floor = LogFloor.For([3e-15, 0.5, 0, double.NaN, -2, 1e-31]);
        Assert.Equal(1e-16, floor.Value, 1e-30);
        Assert.Equal(3e-15, floor.Apply(3e-15));
        Assert.True(double.IsNaN(floor.Apply(double.NaN)));
        Assert.Equal(double.PositiveInfinity, floor.Apply(double.PositiveInfinity));
        Assert.Equal(floor.Value, floor.Apply(0));
        Assert.Equal(floor.Value, floor.Apply(-2));
        Assert.Equal(floor.Value, floor.Apply(1e-31));
        Assert.Equal(3, floor.Moved);
        Assert.Equal(LogFloor.Smallest, LogFloor.For([0, double.NaN]).Value);
    }

    // The composed image is a whole number of panels high plus a title band less than a panel's height.
    private static (int, int) Rounded((int Width, int Height) size) =>
        (size.Width, size.Height / PanelGrid.PanelHeight * PanelGrid.PanelHeight);

    [GeneratedRegex("<img [^>]*src=\"([^\"]*)\"")]
    private static partial Regex Source();
}
