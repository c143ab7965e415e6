using ScottPlot;

namespace LowDim.Reporting.Plots;

/// <summary>
/// ufm-spectra.png: the singular values of each matrix of a deep UFM solution against their index, on a log y
/// axis, one line per matrix, so that a rank below the dimension shows as a drop of many decades.
/// </summary>
internal static class UfmSpectrumPlot
{
    /// <summary>The file's name.</summary>
    public const string FileName = "ufm-spectra.png";

    // Matrices with equal spectra (W_l and H_l at a balanced optimum) overlap: a marker of another shape keeps both in sight.
    private static readonly MarkerShape[] Markers =
        [MarkerShape.FilledCircle, MarkerShape.OpenSquare, MarkerShape.OpenTriangleUp, MarkerShape.OpenDiamond, MarkerShape.Cross];

    /// <summary>The plot, or null when no matrix has a singular value.</summary>
    public static Figure? Create(string title, IReadOnlyList<UfmLayerSpectrum> layers)
    {
        using var chart = new LineChart($"{title}: singular values per layer", "index i (largest first)", "σ_i", logX: false, logY: true);
        var floor = LogFloor.For(layers.SelectMany(layer => layer.SingularValues));
        for (int l = 0; l < layers.Count; l++)
        {
            var values = layers[l].SingularValues;
            chart.Add(layers[l].Label, values.Select((value, i) => (i + 1.0, floor.Apply(value))).ToList(),
                SeriesStyle.Color(l), l / 10 % 2 == 0 ? LinePattern.Solid : LinePattern.Dashed, Markers[l % Markers.Length]);
        }
        floor.Draw(chart);
        chart.XIndices(layers.Select(layer => layer.SingularValues.Length).DefaultIfEmpty(1).Max());
        return chart.HasPoints
            ? chart.Render(FileName, "The singular values of each matrix, largest first. A drop of many decades after index r means the matrix "
                + "has rank r: at neural collapse the features and weights of every layer have rank at most K, the number of classes."
                + floor.Note())
            : null;
    }
}
