namespace LowDim.Data;

/// <summary>A training split and a test split of one dataset; owns both.</summary>
public sealed class DatasetPair : IDisposable
{
    /// <summary>Pairs <paramref name="train"/> and <paramref name="test"/>, taking ownership of both.</summary>
    public DatasetPair(LabelledData train, LabelledData test)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        Train = train;
        Test = test;
    }

    /// <summary>The training split.</summary>
    public LabelledData Train { get; }

    /// <summary>The test split.</summary>
    public LabelledData Test { get; }

    /// <summary>The statistics both splits were normalised with, or null when they were not normalised.</summary>
    public Normalization? Normalization { get; init; }

    /// <summary>The folder the files were read from, or null for synthetic data.</summary>
    public string? Folder { get; init; }

    /// <summary>Disposes both splits.</summary>
    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
    }
}
