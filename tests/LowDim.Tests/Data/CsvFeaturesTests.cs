using LowDim.Data;
using static TorchSharp.torch;

namespace LowDim.Tests.Data;

public sealed class CsvFeaturesTests
{
    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void ReadsFeaturesAndLabels(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var expected = IoFixtures.Expected("csv", "features.csv");
        var (features, labels) = CsvFeatures.Read(IoFixtures.File("features.csv"), dtype: dtype);
        Assert.Equal(dtype, features.dtype);
        Assert.Equal(IoFixtures.Longs(expected.GetProperty("shape")), features.shape);
        double[] values = IoFixtures.Doubles(expected.GetProperty("features"));
        using var reference = tensor(values, [values.Length]).reshape(features.shape).to(dtype);
        IoFixtures.AssertSame(reference, features);
        Assert.Equal(ScalarType.Int64, labels.dtype);
        Assert.Equal(IoFixtures.Longs(expected.GetProperty("labels")), labels.data<long>().ToArray());
    }

    [Fact]
    public void AcceptsQuotedNamesSpacesBlankLinesAndWindowsLineEnds()
    {
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();
        string path = folder.Write("data.csv", "\"class\", \"a\" ,b\r\n 1 , 2.5e1,-inf\r\n\r\n0,NaN,3\r\n");
        var (features, labels) = CsvFeatures.Read(path, "class", ScalarType.Float64);
        Assert.Equal([2L, 2L], features.shape);
        double[] values = features.reshape(-1).data<double>().ToArray();
        Assert.Equal(25.0, values[0]);
        Assert.Equal(double.NegativeInfinity, values[1]);
        Assert.True(double.IsNaN(values[2]));
        Assert.Equal([1L, 0L], labels.data<long>().ToArray());
    }

    [Fact]
    public void HeaderOnlyGivesNoRows()
    {
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();
        var (features, labels) = CsvFeatures.Read(folder.Write("data.csv", "x,y,label\n"));
        Assert.Equal([0L, 2L], features.shape);
        Assert.Equal([0L], labels.shape);
    }

    [Fact]
    public void RefusesOtherDtypes()
    {
        var e = Assert.Throws<ArgumentException>(() => CsvFeatures.Read(IoFixtures.File("features.csv"), dtype: ScalarType.Int32));
        Assert.Contains("not int32", e.Message);
    }

    [Fact]
    public void MissingFile()
    {
        using var folder = new TempFolder();
        string path = folder.File("absent.csv");
        IoFixtures.AssertBadFile(path, "file not found", () => CsvFeatures.Read(path));
    }

    [Theory]
    [InlineData("", "empty file")]
    [InlineData("\n\nx,label\n", "line 1 is blank")]
    [InlineData("x,y,target\n1,2,3\n", "line 1: no label column 'label'; the columns are 'x', 'y', 'target'")]
    [InlineData(",x,label\n0,1,2\n", "line 1: column 1 has no name (a pandas index? save with to_csv(path, index=False))")]
    [InlineData("label,x,label\n0,1,2\n", "line 1: two columns are called 'label'")]
    [InlineData("label\n0\n", "line 1: no feature columns besides 'label'")]
    [InlineData("x,y,label\n1,2,0\n1,2\n", "line 3: 2 fields, but the header has 3 columns")]
    [InlineData("x,y,label\n1,2,0,4\n", "line 2: 4 fields, but the header has 3 columns")]
    [InlineData("x,y,label\n1,abc,0\n", "line 2, column 'y' (2): 'abc' is not a number")]
    [InlineData("x,y,label\n1,\"1,5\",0\n", "line 2: 4 fields")]
    [InlineData("x,y,label\n1,2,2.5\n", "line 2, column 'label' (3): label '2.5' is not an integer")]
    [InlineData("x,y,label\n1, ,1\n", "line 2, column 'y' (2): empty value")]
    [InlineData("x,y,label\n1,2,1\n\n1,2,\n", "line 4, column 'label' (3): empty value")]
    public void BadFile(string text, string phrase)
    {
        using var folder = new TempFolder();
        string path = folder.Write("data.csv", text);
        IoFixtures.AssertBadFile(path, phrase, () => CsvFeatures.Read(path));
    }
}
