using LowDim.Experiments;
using LowDim.Tests.Data;

namespace LowDim.Tests.Experiments;

public class HistoryCsvTests
{
    [Fact]
    public void AMalformedLineNamesTheFileAndLine()
    {
        using var folder = new TempFolder();
        string path = folder.Write("history.csv", "epoch,lr,train_loss,train_accuracy,train_seconds\n1,0.1,0.5,0.9,1\n2,0.1,x,0.9,1\n");
        var e = Assert.Throws<DataFileException>(() => HistoryCsv.Read(path));
        Assert.Equal($"{path}: line 3, column 'train_loss' (3): 'x' is not a number", e.Message);
    }

    [Theory]
    [InlineData("0,0.1,0.5,0.9,1\n", "line 2, column 'epoch' (1): '0' is not a positive integer")]
    [InlineData("1,,0.5,0.9,1\n", "line 2, column 'lr' (2): empty value")]
    [InlineData("1,0.1,0.5,0.9\n", "line 2: 4 fields, but the header has 5 columns")]
    public void EveryCellIsRequired(string rows, string problem)
    {
        using var folder = new TempFolder();
        string path = folder.Write("history.csv", "epoch,lr,train_loss,train_accuracy,train_seconds\n" + rows);
        Assert.Equal(problem, Assert.Throws<DataFileException>(() => HistoryCsv.Read(path)).Problem);
    }

    [Theory]
    [InlineData("lr,train_loss,train_accuracy,train_seconds\n", "line 1: no column 'epoch'")]
    [InlineData("epoch,lr,train_loss,train_accuracy\n", "line 1: no column 'train_seconds'")]
    [InlineData("epoch,lr,lr,train_loss,train_accuracy,train_seconds\n", "line 1: two columns are called 'lr'")]
    [InlineData("", "empty file (expected a header line with the column names)")]
    public void TheHeaderNamesEveryColumnOnce(string text, string problem)
    {
        using var folder = new TempFolder();
        string path = folder.Write("history.csv", text);
        Assert.Equal(problem, Assert.Throws<DataFileException>(() => HistoryCsv.Read(path)).Problem);
    }

    [Fact]
    public void ColumnsAreReadByName()
    {
        using var folder = new TempFolder();
        string path = folder.Write("history.csv",
            "train_seconds,epoch,future_column,train_accuracy,lr,train_loss\n1.5,2,anything,0.95,0.05,0.25\n");
        Assert.Equal([new HistoryRow(2, 0.05, 0.25, 0.95, 1.5)], HistoryCsv.Read(path));
    }
}
