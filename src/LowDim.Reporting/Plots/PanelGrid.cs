using SkiaSharp;

namespace LowDim.Reporting.Plots;

/// <summary>Several plots of one size laid out in a grid under a title, as one PNG.</summary>
internal static class PanelGrid
{
    /// <summary>The size of one panel, in pixels: two side by side fit a report page at about 80%.</summary>
    public const int PanelWidth = 640, PanelHeight = 420;

    private const int TitleSize = 20, NoteSize = 15, Margin = 12;

    /// <summary>
    /// The panels (PNGs of equal size) left to right, then top to bottom, in <paramref name="columns"/> columns,
    /// under <paramref name="title"/> in bold and, when given, <paramref name="note"/>.
    /// </summary>
    public static byte[] Compose(string title, string? note, IReadOnlyList<byte[]> panels, int columns)
    {
        var bitmaps = panels.Select(png => SKBitmap.Decode(png)).ToList();
        try
        {
            int width = bitmaps[0].Width, height = bitmaps[0].Height;
            columns = Math.Min(columns, bitmaps.Count);
            int rows = (bitmaps.Count + columns - 1) / columns;
            int header = Margin + TitleSize + (note is null ? 0 : Margin / 2 + NoteSize) + Margin;
            using var surface = SKSurface.Create(new SKImageInfo(columns * width, header + rows * height));
            var canvas = surface.Canvas;
            canvas.Clear(SKColors.White);
            using var paint = new SKPaint { Color = new SKColor(0x22, 0x22, 0x22), IsAntialias = true };
            float centre = columns * width / 2f;
            using (var bold = new SKFont(EmbeddedFont.Typeface(bold: true), TitleSize))
            {
                canvas.DrawText(title, centre, Margin + TitleSize, SKTextAlign.Center, bold, paint);
            }
            if (note is not null)
            {
                using var regular = new SKFont(EmbeddedFont.Typeface(bold: false), NoteSize);
                canvas.DrawText(note, centre, Margin + TitleSize + Margin / 2 + NoteSize, SKTextAlign.Center, regular, paint);
            }
            for (int i = 0; i < bitmaps.Count; i++)
            {
                canvas.DrawBitmap(bitmaps[i], i % columns * width, header + i / columns * height);
            }
            using var image = surface.Snapshot();
            using var data = image.Encode(SKEncodedImageFormat.Png, 100);
            return data.ToArray();
        }
        finally
        {
            foreach (var bitmap in bitmaps) bitmap.Dispose();
        }
    }
}
