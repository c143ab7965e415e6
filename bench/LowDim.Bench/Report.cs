using System.Text.Json;

namespace LowDim.Bench;

/// <summary>The console table per K, the PASS/FAIL lines, and the JSON record under bench/results.</summary>
internal static class Report
{
    private const double MiB = 1024 * 1024;

    public static void PrintTable(Comparison c, BenchSettings settings)
    {
        Console.WriteLine();
        Console.WriteLine($"K = {c.K}    N = {c.N:N0}    d = {c.D:N0}    {settings.Threads} threads, best of {2 * settings.Repeats} (ours) and {settings.Repeats} (peer)");
        Row("one read of H (H.sum)", $"{c.OurSeconds[OurSide.Read]:F3} s", "");
        Row("ours: all metrics", $"{c.Ours:F3} s", $"{c.ReadRatio:F1}× one read");
        Row("ours: without classifier", $"{c.OurSeconds[OurSide.MeasureWithoutClassifier]:F3} s", "");
        foreach (int? rows in settings.ChunkRows.Select(r => (int?)r).Prepend(null))
        {
            var (total, first, second) = OurSide.Passes(rows);
            Row($"  chunk rows {rows?.ToString("N0") ?? "default"}", $"{c.OurSeconds[total]:F3} s",
                $"first pass {c.OurSeconds[first]:F3} s, second pass {c.OurSeconds[second]:F3} s");
        }
        Row("peer: one read", $"{c.Peer.ReadSeconds:F3} s", "");
        Row("peer: d×d", $"{c.Peer.DxdSeconds:F3} s", $"ours {c.SpeedupOverDxd:F1}× faster");
        Row("peer: low-rank", $"{c.Peer.LowrankSeconds:F3} s", $"ours {c.SpeedupOverLowrank:F1}× faster");
        Row("peak extra memory", c.PeakExtraBytes is long bytes ? $"{bytes / MiB:F1} MiB" : "n/a",
            $"O(NK + dK) = {c.BudgetBytes / MiB:F1} MiB of float32; features {c.FeatureBytes / MiB:F1} MiB");
        var a = c.Agreement;
        Row("largest difference from peer", $"{a.Relative:G2}", $"{a.Metric}: ours {a.Ours:G9}, peer {a.Peer:G9}");
    }

    public static void PrintTargets(IReadOnlyList<Comparison> comparisons)
    {
        Console.WriteLine();
        foreach (var c in comparisons)
        {
            foreach (var target in c.Targets)
                Console.WriteLine($"{(target.Pass ? "PASS" : "FAIL")}  K={c.K,-4} {target.Name,-48} {target.Value}");
        }
    }

    /// <summary>Writes bench/results/measure-&lt;date&gt;.json through a temporary file, so it appears whole or not at all.</summary>
    public static string Write(BenchSettings settings, IReadOnlyList<Comparison> comparisons)
    {
        var now = DateTimeOffset.Now;
        var record = new
        {
            Date = now,
            Machine = new { Environment.ProcessorCount, Os = System.Runtime.InteropServices.RuntimeInformation.OSDescription },
            Settings = settings,
            Comparisons = comparisons,
        };
        var options = new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        Directory.CreateDirectory("bench/results");
        string path = Path.Combine("bench/results", $"measure-{now:yyyy-MM-dd-HHmmss}.json");
        string temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(record, options));
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    private static void Row(string label, string value, string note) =>
        Console.WriteLine($"  {label,-32} {value,12}   {note}");
}
