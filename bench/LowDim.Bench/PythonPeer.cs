using System.Diagnostics;
using System.Text.Json;

namespace LowDim.Bench;

/// <summary>The Python side: generates the features and runs bench/python/nc_peer.py, each as a child process.</summary>
internal static class PythonPeer
{
    private const string Python = "/usr/bin/python3";
    private static readonly string[] DataFiles = ["H.npy", "y.npy", "W.npy", "b.npy"];

    /// <summary>
    /// The folder with H, y, W and b for these sizes, generated with seed 0 unless cached. The
    /// folder is named by N, d and K so that a cache never serves other sizes, and appears only
    /// once complete.
    /// </summary>
    public static string EnsureFeatures(BenchSettings settings, int k)
    {
        string folder = Path.Combine(settings.DataFolder, $"n{settings.N}-d{settings.D}-k{k}");
        if (DataFiles.All(file => File.Exists(Path.Combine(folder, file)))) return folder;

        string partial = $"{folder}.partial-{Environment.ProcessId}";
        Console.WriteLine($"generating {folder} ...");
        Run("bench/python/make_features.py", redirect: false,
            "--n", $"{settings.N}", "--d", $"{settings.D}", "--k", $"{k}", "--out", partial, "--seed", "0");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.Move(partial, folder);
        return folder;
    }

    /// <summary>Runs the peer on the files in <paramref name="folder"/> and reads the one JSON object it prints.</summary>
    public static PeerResult Measure(string folder, BenchSettings settings)
    {
        string output = Run("bench/python/nc_peer.py", redirect: true,
            "--features", Path.Combine(folder, "H.npy"), "--labels", Path.Combine(folder, "y.npy"),
            "--weights", Path.Combine(folder, "W.npy"), "--bias", Path.Combine(folder, "b.npy"),
            "--repeats", $"{settings.Repeats}", "--threads", $"{settings.Threads}");
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        var lowrank = root.GetProperty("lowrank");
        return new PeerResult(
            root.GetProperty("torch_version").GetString() ?? "",
            root.GetProperty("read_seconds").GetDouble(),
            root.GetProperty("dxd").GetProperty("seconds").GetDouble(),
            lowrank.GetProperty("seconds").GetDouble(),
            lowrank.GetProperty("metrics").EnumerateObject().ToDictionary(
                metric => metric.Name,
                metric => metric.Value.ValueKind == JsonValueKind.Null ? (double?)null : metric.Value.GetDouble()));
    }

    /// <summary>Runs a script with OMP_WAIT_POLICY=PASSIVE; returns its stdout when redirected. Fails on a non-zero exit.</summary>
    private static string Run(string script, bool redirect, params string[] arguments)
    {
        if (!File.Exists(script)) throw new FileNotFoundException($"{script} not found; run from the repository root", script);
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = redirect, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        // Our process set a spin count for itself; libgomp lets GOMP_SPINCOUNT override PASSIVE, so the peer must not inherit it.
        start.Environment.Remove("GOMP_SPINCOUNT");

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Python}");
        string output = redirect ? process.StandardOutput.ReadToEnd() : "";
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{script} exited with code {process.ExitCode}");
        return output;
    }
}

/// <summary>What the peer reported: best-of-repeats seconds and the low-rank method's metrics.</summary>
internal sealed record PeerResult(
    string TorchVersion, double ReadSeconds, double DxdSeconds, double LowrankSeconds, IReadOnlyDictionary<string, double?> LowrankMetrics);
