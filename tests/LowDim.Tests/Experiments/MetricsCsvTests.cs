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
        Assert.Contains("line 2, column 'loss' (4): 'oops' is not a number", e.Message);
    }

    [Theory]
    [InlineData("1,train,penultimate,0.5\n2,train,penultimate\n", "line 3: 3 fields, but the header has 4 columns")]
    [InlineData("1,train,penultimate,0.5\n2,train,penultimate,abc\n", "line 3, column 'loss' (4): 'abc' is not a number")]
    [InlineData("0,train,penultimate,0.5\n", "line 2, column 'epoch' (1): '0' is not a positive integer")]
    [InlineData(",train,penultimate,0.5\n", "line 2, column 'epoch' (1): empty value")]
    [InlineData("1,,penultimate,0.5\n", "line 2, column 'split' (2): empty value")]
    [InlineData("1,train,,0.5\n", "line 2, column 'layer' (3): empty value")]
    public void AMalformedLineNamesTheFileAndLine(string rows, string problem)
    {
        using var folder = new TempFolder();
        string path = folder.Write("metrics.csv", "epoch,split,layer,loss\n" + rows);
        var e = Assert.Throws<DataFileException>(() => MetricsCsv.Read(path));
        Assert.Equal(path, e.Path);
        Assert.Equal(problem, e.Problem);
    }

    [Theory]
    [InlineData("split,layer,loss\n", "line 1: no column 'epoch'")]
    [InlineData("epoch,layer,loss\n", "line 1: no column 'split'")]
    [InlineData("epoch,split,loss\n", "line 1: no column 'layer'")]
    [InlineData("epoch,split,layer,loss,loss\n", "line 1: two columns are called 'loss'")]
    [InlineData("epoch,split,,layer\n", "line 1: column 3 has no name")]
    [InlineData("", "empty file (expected a header line with the column names)")]
    public void TheHeaderNamesEpochSplitAndLayerOnce(string text, string problem)
    {
        using var folder = new TempFolder();
        string path = folder.Write("metrics.csv", text);
        Assert.Equal(problem, Assert.Throws<DataFileException>(() => MetricsCsv.Read(path)).Problem);
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        using var folder = new TempFolder();
        string path = folder.File("metrics.csv");
        var e = Assert.Throws<DataFileException>(() => MetricsCsv.Read(path));
        Assert.Equal(path, e.Path);
        Assert.StartsWith("cannot read: ", e.Problem);
    }

    [Fact]
    public void ColumnsAreReadByName()
    {
        // A newer trainer may write columns in another order and columns this version does not know; a value
        // column the file lacks is a value that does not exist. Cells are trimmed and blank lines skipped.
        using var folder = new TempFolder();
        string path = folder.Write("metrics.csv",
            "layer,nc1,future_metric,split,epoch,loss\npenultimate,0.25,not a number,train,2,1.5\n\n fc1 , 4 ,,test,3,\n");
        var rows = MetricsCsv.Read(path);
        Assert.Equal(2, rows.Count);
        Assert.Equal((2, "train", MeasurementRow.Penultimate), (rows[0].Epoch, rows[0].Split, rows[0].Layer));
        Assert.Equal(["loss", "nc1"], rows[0].Values.Keys.Order());
        Assert.Equal(0.25, rows[0]["nc1"]);
        Assert.Equal(1.5, rows[0]["loss"]);
        Assert.Null(rows[0]["nc2_etf"]);
        Assert.Null(rows[0]["future_metric"]);
        Assert.Equal((3, "test", "fc1"), (rows[1].Epoch, rows[1].Split, rows[1].Layer));
        Assert.Equal(["nc1"], rows[1].Values.Keys);
        Assert.Equal(4.0, rows[1]["nc1"]);
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
