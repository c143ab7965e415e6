namespace LowDim.Training;

/// <summary>The training loss became NaN or infinite; the run keeps its last good checkpoint. The message is one line.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception with a one-line <paramref name="message"/>.</summary>
    public TrainingDivergedException(string message) : base(message)
    {
    }
}
