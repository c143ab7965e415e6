using LowDim.Training;

namespace LowDim.Tests.Training;

public class LearningRateScheduleTests
{
    private static readonly ScheduleOptions MultiStep = new();
    private static readonly ScheduleOptions Cosine = new() { Kind = "cosine" };

    [Fact]
    public void MultiStepDividesByTenAfterAThirdAndTwoThirds()
    {
        double[] rates = [.. Enumerable.Range(1, 6).Select(epoch => LearningRateSchedule.At(MultiStep, 0.1, epoch, 6))];

        // Powers of 0.1 times 0.1 in float64: a few ulps.
        double[] expected = [0.1, 0.1, 0.01, 0.01, 0.001, 0.001];
        for (int i = 0; i < 6; i++) Tolerance.Close(expected[i], rates[i], 1e-15, 0, $"epoch {i + 1}");
    }

    [Fact]
    public void MultiStepMilestonesFollowPapyan()
    {
        // 350 epochs, as Papyan et al.: ⌊350/3⌋ = 116 and ⌊700/3⌋ = 233.
        Assert.Equal(1.0, LearningRateSchedule.At(MultiStep, 1, 116, 350));
        Assert.Equal(0.1, LearningRateSchedule.At(MultiStep, 1, 117, 350));
        Assert.Equal(0.1, LearningRateSchedule.At(MultiStep, 1, 233, 350));
        Tolerance.Close(0.01, LearningRateSchedule.At(MultiStep, 1, 234, 350), 1e-15);
    }

    [Fact]
    public void CosineStartsAtTheBaseRateAndApproachesZero()
    {
        Assert.Equal(0.05, LearningRateSchedule.At(Cosine, 0.05, 1, 10));
        Tolerance.Close(0.025, LearningRateSchedule.At(Cosine, 0.05, 6, 10), 1e-15, 0, "half way");
        Tolerance.Close(0.05 * (1 + Math.Cos(Math.PI * 9 / 10)) / 2, LearningRateSchedule.At(Cosine, 0.05, 10, 10), 1e-15, 0, "last epoch");
        Assert.True(LearningRateSchedule.At(Cosine, 0.05, 10, 10) < 0.002);
    }

    [Fact]
    public void ConstantIsTheBaseRate() =>
        Assert.Equal(0.3, LearningRateSchedule.At(new ScheduleOptions { Kind = "constant" }, 0.3, 7, 9));

    [Theory]
    [InlineData("multistep", 0, 5)]
    [InlineData("multistep", 6, 5)]
    [InlineData("linear", 1, 5)]
    public void BadArgumentsAreInvalidInput(string kind, int epoch, int epochs) =>
        Assert.Throws<InvalidInputException>(() => LearningRateSchedule.At(new ScheduleOptions { Kind = kind }, 0.1, epoch, epochs));
}
