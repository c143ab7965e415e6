using ScottPlot;
using SkiaSharp;

namespace LowDim.Reporting.Plots;

/// <summary>
/// The one font of every plot: DejaVu Sans, embedded in this assembly (Fonts/LICENSE.txt). Plots then have
/// text, and look the same, on any machine, including one with no font installed, where Skia's own lookup
/// finds nothing and draws no text at all.
/// </summary>
internal sealed class EmbeddedFont : IFontResolver
{
    /// <summary>The family name that plots ask for.</summary>
    public const string Name = "LowDim Sans";

    private static readonly Lazy<SKTypeface> Regular = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<SKTypeface> Bold = new(() => Load("DejaVuSans-Bold.ttf"));
    private static readonly Lazy<bool> Registered = new(() =>
    {
        Fonts.FontResolvers.Insert(0, new EmbeddedFont());
        return true;
    });

    /// <summary>Makes <see cref="Name"/> known to ScottPlot (once per process) and sets it on every text of <paramref name="plot"/>.</summary>
    public static void Use(Plot plot)
    {
        _ = Registered.Value;
        plot.Font.Set(Name);
        plot.Legend.FontName = Name;
        plot.Legend.SetBestFontOnEachRender = false;
    }

    /// <summary>DejaVu Sans, or DejaVu Sans Bold, for text drawn with SkiaSharp directly; shared, not to be disposed.</summary>
    public static SKTypeface Typeface(bool bold) => bold ? Bold.Value : Regular.Value;

    /// <inheritdoc/>
    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        fontName == Name ? Typeface(bold) : null;

    /// <inheritdoc/>
    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
        CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);

    private static SKTypeface Load(string file)
    {
        using var stream = typeof(EmbeddedFont).Assembly.GetManifestResourceStream($"LowDim.Reporting.Fonts.{file}")
            ?? throw new InvalidOperationException($"the embedded font {file} is missing from the assembly");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"the embedded font {file} cannot be read");
    }
}
