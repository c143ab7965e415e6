namespace LowDim.Theory;

/// <summary>Hears how a <see cref="DeepUfmStudy"/> goes, for progress displays; every method is called on the solving thread.</summary>
public interface IDeepUfmStudyObserver
{
    /// <summary>Start <paramref name="seed"/> (0-based) of <paramref name="seeds"/> begins.</summary>
    void Solving(int seed, int seeds);

    /// <summary>A measured iteration of start <paramref name="seed"/>.</summary>
    void Traced(int seed, DeepUfmTraceRow row);

    /// <summary>Start <paramref name="seed"/> has ended.</summary>
    void Solved(int seed, DeepUfmSolution solution);
}
