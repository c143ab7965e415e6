namespace LowDim;

/// <summary>
/// Inputs that are well formed but cannot be measured or trained on as given (for example one
/// class only, NaN features, labels out of range, mismatched shapes). The message is one line.
/// </summary>
public sealed class InvalidInputException : Exception
{
    /// <summary>Creates the exception with a one-line <paramref name="message"/>.</summary>
    public InvalidInputException(string message) : base(message)
    {
    }
}
