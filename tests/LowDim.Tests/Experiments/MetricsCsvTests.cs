using LowDim.Experiments;
using LowDim.Tests.Data;

namespace LowDim.Tests.Experiments;

public class MetricsCsvTests
{
    [Fact]
    public void RowsRoundTripExactlyWithMissingValues()
    {
        using var folder = new TempFolder();
        string path = folder.File("metrics.csv");
        var rows = new[]
        {
            new MeasurementRow(3, "train", "fc1", new Dictionary<string, double> { ["nc1"] = 0.1 + 0.2, ["nc1_quotient"] = 1e-300, ["train_seconds"] = 1.5 }),
            new MeasurementRow(3, "train", MeasurementRow.Penultimate, new Dictionary<string, double> { ["loss"] = Math.PI, ["nc4"] = 0, ["accuracy"] = 1 }),
        };
        MetricsCsv.Write(path, rows);
        string header = File.ReadLines(path).First();
        Assert.Equal("epoch,split,layer,loss,accuracy,nc1,nc1_quotient,nc1_cdnv,nc2_equinorm,nc2_equinorm_w,nc2_equiangular,nc2_maxangle,nc2_etf,nc2_etf_w,nc3,nc3_zhu,nc4,ncc_accuracy,train_seconds,measure_seconds", header);
        var back = MetricsCsv.Read(path);
        Assert.Equal(2, back.Count);
        Assert.Equal(0.1 + 0.2, back[0]["nc1"]);
        Assert.Equal(1e-300, back[0]["nc1_quotient"]);
        Assert.Null(back[0]["loss"]);
        Assert.Equal(Math.PI, back[1]["loss"]);
        Assert.Equal("fc1", back[0].Layer);
    }

    [Fact]
    public void AMalformedLineIsNamed()
    {
        using var folder = new TempFolder();
        string path = folder.File("metrics.csv");
        File.WriteAllText(path, string.Join(',', MetricsCsv.Columns) + "\n1,train,penultimate,oops" + new string(',', MetricsCsv.Columns.Count - 4) + "\n");
        var e = Assert.Throws<DataFileException>(() => MetricsCsv.Read(path));
        Assert.Contains("line 2: 'oops' is not a number", e.Message);
    }

    [Fact]
    public void HistoryRoundTrips()
    {
        using var folder = new TempFolder();
        string path = folder.File("history.csv");
        HistoryCsv.Write(path, [new HistoryRow(1, 0.05, 2.3, 0.1, 0.25), new HistoryRow(2, 0.005, 1.1, 0.6, 0.5)]);
        var back = HistoryCsv.Read(path);
        Assert.Equal(new HistoryRow(2, 0.005, 1.1, 0.6, 0.5), back[1]);
    }
}
