using System.Globalization;
using LowDim.Measurement;

namespace LowDim.Reporting;

/// <summary>How reports name and format things.</summary>
internal static class ReportText
{
    /// <summary>The measured columns a metrics table shows, in this order.</summary>
    public static IReadOnlyList<string> MetricColumns { get; } =
        ["loss", MetricNames.Accuracy, .. MetricNames.All.Where(name => name != MetricNames.Accuracy)];

    /// <summary>A value with four significant digits; missing as an en dash.</summary>
    public static string Number(double? value) =>
        value is double v ? v.ToString("G4", CultureInfo.InvariantCulture) : "–";

    /// <summary>"dataset · model · loss … · head …" from the spec keys the run has.</summary>
    public static string Summary(RunData run)
    {
        var parts = new List<string>();
        foreach (string key in (string[])["dataset", "model"])
        {
            if (run.SpecText(key) is { } value) parts.Add(value);
        }
        foreach (string key in (string[])["loss", "head"])
        {
            if (run.SpecText(key) is { } value) parts.Add($"{key} {value}");
        }
        if (run.SpecText("epochs") is { } epochs) parts.Add($"{epochs} epochs");
        return string.Join(" · ", parts);
    }
}
