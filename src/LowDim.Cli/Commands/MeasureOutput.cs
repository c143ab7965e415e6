using System.Globalization;
using System.Text.Json;
using LowDim.Measurement;
using Spectre.Console;

namespace LowDim.Cli.Commands;

/// <summary>How <c>lowdim measure</c> shows its result: a table for people, one JSON object for scripts.</summary>
internal static class MeasureOutput
{
    internal static readonly Dictionary<string, string> Meaning = new()
    {
        [MetricNames.Nc1] = "tr(Σ_W Σ_B†)/K: within-class variability",
        [MetricNames.Nc1Quotient] = "tr(Σ_W)/tr(Σ_B)",
        [MetricNames.Nc1Cdnv] = "class-distance normalised variance",
        [MetricNames.Nc2Equinorm] = "std/mean of ‖μ_k − μ_G‖",
        [MetricNames.Nc2EquinormW] = "std/mean of ‖w_k‖",
        [MetricNames.Nc2Equiangular] = "std of cos(μ_k − μ_G, μ_k' − μ_G)",
        [MetricNames.Nc2Maxangle] = "mean |cos + 1/(K−1)|",
        [MetricNames.Nc2Etf] = "distance of M_cᵀM_c to a simplex ETF",
        [MetricNames.Nc2EtfW] = "distance of W Wᵀ to a simplex ETF",
        [MetricNames.Nc3] = "‖W/‖W‖ − M_cᵀ/‖M_c‖‖²: self-duality",
        [MetricNames.Nc3Zhu] = "distance of W M_c to a simplex ETF",
        [MetricNames.Nc4] = "nearest class mean ≠ argmax(W h + b)",
        [MetricNames.Accuracy] = "argmax(W h + b) = y",
        [MetricNames.NccAccuracy] = "nearest class mean = y",
    };

    public static void WriteTable(IAnsiConsole console, MeasureCommand.MeasureResult result, MeasureCommand.MeasureRequest request)
    {
        var m = result.Metrics;
        console.MarkupLine($"[bold]{Markup.Escape(request.Features.Path)}[/]: N = {m.N:N0}, d = {m.D:N0}, K = {m.K}"
            + (m.ClassesPresent < m.K ? $" ({m.ClassesPresent} present)" : "")
            + $", global mean = {m.GlobalMean.ToString().ToLowerInvariant()}, rank of M_c = {m.Rank}");
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("metric").AddColumn(new TableColumn("value").RightAligned()).AddColumn("what it is");
        foreach (var (name, value) in m.ByName())
        {
            if (value is null) continue;
            table.AddRow(name, Format(value.Value), Markup.Escape(Meaning[name]));
        }
        console.Write(table);
        if (request.Weights is null)
            console.MarkupLine("[grey]nc2_equinorm_w, nc2_etf_w, nc3, nc3_zhu, nc4 and accuracy need --weights.[/]");
        console.MarkupLine($"[grey]loaded in {result.LoadSeconds:F3} s, measured in {result.ComputeSeconds:F3} s[/]");
    }

    /// <summary>One JSON object: the metrics by name (those needing W only when W was given), n, d, k and timing.</summary>
    public static void WriteJson(TextWriter output, MeasureCommand.MeasureResult result)
    {
        var m = result.Metrics;
        output.WriteLine(JsonObjectLine.Write(json =>
        {
            json.WriteNumber("n", m.N);
            json.WriteNumber("d", m.D);
            json.WriteNumber("k", m.K);
            foreach (var (name, value) in m.ByName())
            {
                // Metrics that need W are left out without it; a NaN (e.g. nc1_cdnv of two identical class means) is null.
                if (value is not null) json.WriteNumberOrNull(name, value);
            }
            json.WriteStartObject("timing");
            json.WriteNumber("load_seconds", result.LoadSeconds);
            json.WriteNumber("compute_seconds", result.ComputeSeconds);
            json.WriteEndObject();
        }));
    }

    internal static string Format(double value) =>
        value == 0 || (Math.Abs(value) >= 1e-3 && Math.Abs(value) < 1e4)
            ? value.ToString("0.000000", CultureInfo.InvariantCulture)
            : value.ToString("0.0000e+00", CultureInfo.InvariantCulture);
}
