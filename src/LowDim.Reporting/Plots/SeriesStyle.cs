using LowDim.Experiments;
using ScottPlot;

namespace LowDim.Reporting.Plots;

/// <summary>The look shared by all plots: one colour per metric or run, the split told by line and marker.</summary>
internal static class SeriesStyle
{
    private static readonly ScottPlot.Palettes.Category10 Palette = new();

    /// <summary>The <paramref name="index"/>-th colour of a colour-blind-friendly palette (Category10).</summary>
    public static Color Color(int index) => Palette.GetColor(index);

    /// <summary>Train: solid line and filled circles; test: dashed line and open circles.</summary>
    public static LinePattern Pattern(string split) => split == MeasurementRow.Test ? LinePattern.Dashed : LinePattern.Solid;

    /// <summary>The marker of <paramref name="split"/>.</summary>
    public static MarkerShape Marker(string split) => split == MeasurementRow.Test ? MarkerShape.OpenCircle : MarkerShape.FilledCircle;

    /// <summary>The two splits in the order plots draw them.</summary>
    public static IReadOnlyList<string> Splits { get; } = [MeasurementRow.Train, MeasurementRow.Test];
}
