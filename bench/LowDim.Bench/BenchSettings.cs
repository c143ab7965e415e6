namespace LowDim.Bench;

/// <summary>What the measurement benchmark runs: one comparison per number of classes.</summary>
/// <param name="N">Samples.</param>
/// <param name="D">Feature dimension.</param>
/// <param name="Classes">The values of K, one comparison each.</param>
/// <param name="Repeats">Timed runs per side and round; the best counts.</param>
/// <param name="Threads">Threads for torch (ours and the peer's) and OpenBLAS.</param>
/// <param name="DataFolder">Where the generated features are cached.</param>
/// <param name="ChunkRows">Extra chunk sizes to time Measure with, to see where the time goes.</param>
internal sealed record BenchSettings(
    int N, int D, IReadOnlyList<int> Classes, int Repeats, int Threads, string DataFolder, IReadOnlyList<int> ChunkRows)
{
    public const string Usage =
        "usage: bench/measure.sh [--n 50000] [--d 2048] [--k 10,100] [--repeats 5] [--threads 2] [--data DIR] [--chunk-rows 1024,16384]";

    /// <summary>Reads <c>--key value</c> pairs over the defaults; throws <see cref="ArgumentException"/> on anything else.</summary>
    public static BenchSettings Parse(string[] args)
    {
        var settings = new BenchSettings(50_000, 2048, [10, 100], 5, 2, "/tmp/lowdim-bench", []);
        if (args.Length % 2 != 0) throw new ArgumentException($"'{args[^1]}' needs a value");
        for (int i = 0; i < args.Length; i += 2)
        {
            string value = args[i + 1];
            settings = args[i] switch
            {
                "--n" => settings with { N = Positive(args[i], value) },
                "--d" => settings with { D = Positive(args[i], value) },
                "--k" => settings with { Classes = List(args[i], value) },
                "--repeats" => settings with { Repeats = Positive(args[i], value) },
                "--threads" => settings with { Threads = Positive(args[i], value) },
                "--data" => settings with { DataFolder = value },
                "--chunk-rows" => settings with { ChunkRows = List(args[i], value) },
                _ => throw new ArgumentException($"unknown option '{args[i]}'"),
            };
        }
        if (settings.Classes.Count == 0 || settings.Classes.Any(k => k < 2))
            throw new ArgumentException("--k: give one or more K, each at least 2");
        return settings;
    }

    private static int Positive(string option, string value) =>
        int.TryParse(value, out int parsed) && parsed > 0
            ? parsed
            : throw new ArgumentException($"{option}: expected a positive integer, got '{value}'");

    private static int[] List(string option, string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => Positive(option, v))];
}
