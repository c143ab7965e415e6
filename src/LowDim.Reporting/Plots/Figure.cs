namespace LowDim.Reporting.Plots;

/// <summary>A rendered plot: its PNG file name, its one-line caption for the report, and the PNG itself.</summary>
internal sealed record Figure(string FileName, string Caption, byte[] Png);
