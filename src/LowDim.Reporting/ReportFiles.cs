using System.Text;
using LowDim.Data;
using LowDim.Reporting.Plots;

namespace LowDim.Reporting;

/// <summary>Writes a report's files, each atomically (a temporary file renamed over the name).</summary>
internal static class ReportFiles
{
    /// <summary>Writes each figure as <paramref name="folder"/>/FileName, creating the folder.</summary>
    /// <exception cref="DataFileException">A file cannot be written.</exception>
    public static void WritePlots(string folder, IEnumerable<Figure> figures)
    {
        CreateFolder(folder);
        foreach (var figure in figures) Write(Path.Combine(folder, figure.FileName), figure.Png);
    }

    /// <summary>Writes the page as UTF-8.</summary>
    /// <exception cref="DataFileException">The file cannot be written.</exception>
    public static void WritePage(string path, HtmlPage page)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder) CreateFolder(folder);
        Write(path, Encoding.UTF8.GetBytes(page.ToString()));
    }

    private static void Write(string path, byte[] bytes) =>
        DataFiles.WriteAtomically(path, bytes.Length, file => RandomAccess.Write(file, bytes, 0));

    private static void CreateFolder(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(folder, $"cannot create the folder: {e.Message}", e);
        }
    }
}
