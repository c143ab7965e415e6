using ScottPlot;
using ScottPlot.TickGenerators;

namespace LowDim.Reporting.Plots;

/// <summary>
/// A normalised Gram matrix G/‖G‖_F beside the simplex ETF's (I − 11ᵀ/K)/√(K−1), as two heatmaps on one
/// diverging colour scale (NC2: the two are equal at collapse).
/// </summary>
internal static class GramPlot
{
    /// <summary>The size of a Gram plot, in pixels.</summary>
    public const int Width = 900, Height = 480;

    /// <summary>mean_gram.png and weight_gram.png, for those the run's geometry.json holds.</summary>
    public static IEnumerable<Figure> All(RunData run)
    {
        if (run.Geometry is not { } geometry || geometry.Classes < 2) yield break;
        string at = string.IsNullOrEmpty(geometry.Split) ? $"epoch {geometry.Epoch}" : $"{geometry.Split}, epoch {geometry.Epoch}";
        if (geometry.MeanGram is { } mean)
        {
            yield return Create("mean_gram.png", $"{run.Name}: Gram matrix of the centred class means ({at})", "class means: G/‖G‖_F", mean,
                "The Gram matrix G = M_cᵀM_c of the centred class means, normalised, beside the simplex ETF's; at collapse they are equal (nc2_etf → 0).");
        }
        if (geometry.WeightGram is { } weight)
        {
            yield return Create("weight_gram.png", $"{run.Name}: Gram matrix of the classifier (epoch {geometry.Epoch})", "classifier: WWᵀ/‖WWᵀ‖_F", weight,
                "The Gram matrix WWᵀ of the classifier's rows, normalised, beside the simplex ETF's; at collapse they are equal (nc2_etf_w → 0).");
        }
    }

    /// <summary>A Gram plot: <paramref name="gram"/> (K × K, K ≥ 2) normalised, labelled <paramref name="label"/>, beside the simplex ETF's.</summary>
    public static Figure Create(string fileName, string title, string label, double[,] gram, string caption)
    {
        int k = gram.GetLength(0);
        var measured = SimplexEtf.Normalised(gram);
        var ideal = SimplexEtf.Gram(k);
        double limit = Math.Max(MaxAbs(measured), MaxAbs(ideal));
        double gap = Math.Max(1, k / 5.0);

        using var plot = new Plot();
        EmbeddedFont.Use(plot);
        plot.Title(title, 15);
        var left = AddHeatmap(plot, measured, 0, k, limit);
        AddHeatmap(plot, ideal, k + gap, k, limit);
        var colorBar = plot.Add.ColorBar(left);
        colorBar.LabelStyle.FontSize = 12;
        colorBar.Axis.TickLabelStyle.FontSize = 12;

        // The two matrices are named by the bottom axis's two ticks; classes are counted from 0, top row first.
        plot.Axes.Bottom.TickGenerator = new NumericManual([k / 2.0, k + gap + k / 2.0], [label, "simplex ETF: (I − 11ᵀ/K)/√(K−1)"]);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 14;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Left.TickGenerator = new NumericManual([k - 0.5, 0.5], ["0", (k - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        plot.Axes.Left.TickLabelStyle.FontSize = 12;
        plot.YLabel("class", 14);
        plot.HideGrid();
        plot.Axes.Frame(false);
        plot.Axes.SetLimits(-0.5, 2 * k + gap + 0.5, -0.5, k + 0.5);
        plot.Axes.SquareUnits();
        return new Figure(fileName, caption, plot.GetImageBytes(Width, Height, ImageFormat.Png));
    }

    private static ScottPlot.Plottables.Heatmap AddHeatmap(Plot plot, double[,] values, double x, int k, double limit)
    {
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = new ScottPlot.Colormaps.Balance();
        heatmap.ManualRange = new ScottPlot.Range(-limit, limit);
        heatmap.Rectangle = new CoordinateRect(x, x + k, 0, k);
        return heatmap;
    }

    private static double MaxAbs(double[,] values)
    {
        double max = 0;
        foreach (double value in values) max = Math.Max(max, Math.Abs(value));
        return max;
    }
}
