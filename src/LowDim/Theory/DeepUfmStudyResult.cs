namespace LowDim.Theory;

/// <summary>The outcome of a <see cref="DeepUfmStudy"/>; it owns <see cref="Best"/>.</summary>
public sealed class DeepUfmStudyResult : IDisposable
{
    /// <summary>What was run.</summary>
    public required DeepUfmStudySpec Spec { get; init; }

    /// <summary>The start that reached the lowest objective.</summary>
    public required DeepUfmSolution Best { get; init; }

    /// <summary>The objectives of all starts and the verdict.</summary>
    public required UfmLandscapeResult Landscape { get; init; }

    /// <summary>The measured iterations of each start, in seed order.</summary>
    public required IReadOnlyList<IReadOnlyList<DeepUfmTraceRow>> SeedTraces { get; init; }

    /// <summary>Whether the study was cancelled before all starts ended.</summary>
    public bool Cancelled { get; init; }

    /// <summary>Wall-clock seconds of the whole study.</summary>
    public double Seconds { get; init; }

    /// <inheritdoc/>
    public void Dispose() => Best.Dispose();
}
