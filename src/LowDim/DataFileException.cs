namespace LowDim;

/// <summary>
/// A file that cannot be used as given: unreadable, corrupt, of an unsupported type, or
/// inconsistent with another input. The message is one line that names the file and the problem.
/// </summary>
public sealed class DataFileException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/> with a one-line <paramref name="problem"/>.</summary>
    public DataFileException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The file as the user named it.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it, without the path.</summary>
    public string Problem { get; }
}
