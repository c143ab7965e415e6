namespace LowDim.Theory;

/// <summary>Where a <see cref="DeepUfmStudy"/> starts its solver.</summary>
public enum DeepUfmStart
{
    /// <summary>Random points, one per seed (<see cref="DeepUfmPoint.Random"/>).</summary>
    Random,

    /// <summary>The deep-neural-collapse point of <see cref="DeepUfmStarts.Collapsed"/>.</summary>
    Collapsed,

    /// <summary>The low-rank strongly-regular-graph point of <see cref="DeepUfmStarts.StronglyRegularGraph"/>.</summary>
    StronglyRegularGraph,
}
