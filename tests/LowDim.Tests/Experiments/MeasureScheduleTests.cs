using LowDim.Experiments;

namespace LowDim.Tests.Experiments;

public class MeasureScheduleTests
{
    [Fact]
    public void LogIsEveryEpochToTenThenAboutTenPercentApart()
    {
        var epochs = MeasureSchedule.Parse("log", 100);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17, 19, 21, 23, 25, 28, 31, 34, 37, 41, 45, 50, 55, 61, 67, 74, 81, 89, 98, 100], epochs);
    }

    [Fact]
    public void LastEpochIsAlwaysMeasured()
    {
        Assert.Equal([7], MeasureSchedule.Parse("last", 7));
        Assert.Equal([2, 5, 9], MeasureSchedule.Parse("5, 2", 9));
        Assert.Equal(Enumerable.Range(1, 4), MeasureSchedule.Parse("every", 4));
    }

    [Theory]
    [InlineData("sometimes")]
    [InlineData("0")]
    [InlineData("1,x")]
    public void OtherTextIsAnError(string text) =>
        Assert.Throws<InvalidInputException>(() => MeasureSchedule.Parse(text, 10));
}
