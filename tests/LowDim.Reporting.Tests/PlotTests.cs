using LowDim.Reporting.Plots;

namespace LowDim.Reporting.Tests;

public class PlotTests
{
    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(20.0, "20")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.0002, "2e-4")]
    [InlineData(5e-7, "5e-7")]
    [InlineData(1e6, "1e6")]
    public void LogTickLabels(double value, string label) => Assert.Equal(label, LogTicks.Label(value));

    [Fact]
    public void LogTicksOverTwoDecadesLabelOneTwoFive()
    {
        var ticks = LogTicks.Create(0, 2);
        Assert.Equal(["1", "2", "5", "10", "20", "50", "100"], ticks.Where(t => t.IsMajor).Select(t => t.Label));
        Assert.Equal(19, ticks.Length);
    }

    [Fact]
    public void LogTicksOverManyDecadesLabelDecadesOnly()
    {
        var ticks = LogTicks.Create(-6.2, 0.3);
        Assert.Equal(["1e-6", "1e-5", "1e-4", "0.001", "0.01", "0.1", "1"], ticks.Where(t => t.IsMajor).Select(t => t.Label));
    }

    [Fact]
    public void LogTicksInsideOneDecadeLabelEveryMultiple()
    {
        var ticks = LogTicks.Create(Math.Log10(0.03), Math.Log10(0.045));
        Assert.Equal(["0.03", "0.04"], ticks.Where(t => t.IsMajor).Select(t => t.Label));
    }

    [Fact]
    public void TheSimplexEtfGramHasUnitNormAndZeroRowSums()
    {
        var gram = SimplexEtf.Gram(4);
        double norm = 0;
        foreach (double value in gram) norm += value * value;
        // Exact up to a few float64 roundings of 16 terms.
        Assert.Equal(1, Math.Sqrt(norm), 12);
        for (int i = 0; i < 4; i++) Assert.Equal(0, Enumerable.Range(0, 4).Sum(j => gram[i, j]), 12);
        var normalised = SimplexEtf.Normalised(gram);
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
                Assert.Equal(gram[i, j], normalised[i, j], 12);
    }

    [Fact]
    public void PlotsUseTheEmbeddedFont()
    {
        var font = new EmbeddedFont();
        Assert.Equal("DejaVu Sans", font.CreateTypeface(EmbeddedFont.Name, bold: false, italic: false)!.FamilyName);
        Assert.True(font.CreateTypeface(EmbeddedFont.Name, bold: true, italic: false)!.IsBold);
        Assert.Null(font.CreateTypeface("Arial", bold: false, italic: false));
    }
}
