using System.Text.RegularExpressions;
using LowDim.Tests.Data;

namespace LowDim.Reporting.Tests;

public partial class RunReportTests
{
    private static readonly string[] PlotFiles =
    [
        "accuracy.png", "layers.png", "loss.png", "mean_gram.png", "nc1.png", "nc2_angles.png", "nc2_equinorm.png",
        "nc2_etf.png", "nc3.png", "nc4.png", "weight_gram.png",
    ];

    [Fact]
    public void WritesEveryPlotAndTheReport()
    {
        using var temp = new TempFolder();
        string run = SyntheticRun.Write(temp.File("run"));
        string report = RunReport.Write(run);

        Assert.Equal(Path.Combine(run, "report.html"), report);
        Assert.Equal(PlotFiles, Directory.GetFiles(Path.Combine(run, "plots")).Select(Path.GetFileName).Order());
        foreach (string file in PlotFiles)
        {
            var (width, height) = Png.Size(File.ReadAllBytes(Path.Combine(run, "plots", file)));
            Assert.True(file.EndsWith("gram.png") ? (width, height) == (900, 480) : (width, height) == (800, 500), $"{file}: {width}×{height}");
        }
        Assert.Empty(Directory.GetFiles(run, "*.tmp-*", SearchOption.AllDirectories));
    }

    [Fact]
    public void TheReportIsSelfContained()
    {
        using var temp = new TempFolder();
        string html = File.ReadAllText(RunReport.Write(SyntheticRun.Write(temp.File("run"))));

        var sources = Source().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(PlotFiles.Length, sources.Count);
        foreach (string source in sources)
        {
            Assert.StartsWith("data:image/png;base64,", source);
            Png.Size(Convert.FromBase64String(source["data:image/png;base64,".Length..]));
        }
        Assert.DoesNotContain("http", html);
        Assert.DoesNotContain("href", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void TheReportShowsSpecMetricsAndCaptionsWithTextEncoded()
    {
        using var temp = new TempFolder();
        string html = File.ReadAllText(RunReport.Write(SyntheticRun.Write(temp.File("run"))));

        Assert.Contains("<title>LowDim run: synthetic</title>", html);
        Assert.Contains("Final metrics (epoch 4, penultimate features)", html);
        // nc1 at epoch 4: 1/4 on train and 2/4 on test.
        Assert.Contains("<td class=\"code\">nc1</td><td class=\"number\">0.25</td><td class=\"number\">0.5</td>", html);
        // nc3_zhu is empty in every row: the table leaves it out.
        Assert.DoesNotContain("<td class=\"code\">nc3_zhu</td>", html);
        Assert.Contains("nc1 &#x2192; 0", html);
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt; &amp; &#x27;quoted&#x27;", html);
        Assert.DoesNotContain("<b>bold</b>", html);
        // Train nc4 is 0 at epoch 4, which a log axis cannot show.
        Assert.Contains("1 zero or negative value is left out: a log axis cannot show them.", html);
    }

    [Fact]
    public void ARunWithoutMeasurementsStillGetsAReport()
    {
        using var temp = new TempFolder();
        temp.Write("metrics.csv", SyntheticRun.MetricsHeader + "\n");
        temp.Write("history.csv", "epoch,lr,train_loss,train_accuracy,train_seconds\n1,0.1,0.7,0.8,2\n");
        string html = File.ReadAllText(RunReport.Write(temp.Path));
        Assert.Contains("No measurement yet", html);
        Assert.Equal(["accuracy.png", "loss.png"], Directory.GetFiles(temp.File("plots")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void RewritingTheReportReplacesIt()
    {
        using var temp = new TempFolder();
        string run = SyntheticRun.Write(temp.File("run"));
        RunReport.Write(run);
        File.AppendAllText(Path.Combine(run, "metrics.csv"), "8,train,penultimate,0.01,1,0.01,,,,,,,,,,,,,,\n");
        string html = File.ReadAllText(RunReport.Write(run));
        Assert.Contains("Final metrics (epoch 8, penultimate features)", html);
        Assert.Empty(Directory.GetFiles(run, "*.tmp-*", SearchOption.AllDirectories));
    }

    [GeneratedRegex("<img [^>]*src=\"([^\"]*)\"")]
    private static partial Regex Source();
}
