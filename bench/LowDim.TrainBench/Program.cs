using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LowDim;
using LowDim.Experiments;
using LowDim.Training;
using static TorchSharp.torch;

// The training benchmark: one epoch of the MLP 784 → 1024 → 1024 → 1024 → 10 (BatchNorm, ReLU, SGD with
// momentum, batch 128) on Fashion-MNIST, LowDim's trainer against PyTorch (bench/python/train_peer.py), side
// by side: ours, the peer, ours again, each in its own turn on the same threads. Also: the float32 GEMM peak of
// this machine and the GFLOP/s each side reaches, and the time LowDim takes to measure every metric on the
// 60,000 training features plus every layer, against one epoch. Run from the repository root through
// bench/train.sh. See bench/README.md.

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var settings = new Dictionary<string, string> { ["--epochs"] = "3", ["--threads"] = "2", ["--widths"] = "1024,1024,1024", ["--data"] = "" };
for (int i = 0; i + 1 < args.Length; i += 2)
{
    if (!settings.ContainsKey(args[i]))
    {
        Console.Error.WriteLine($"unknown option '{args[i]}'\nusage: bench/train.sh [--epochs 3] [--threads 2] [--widths 1024,1024,1024] [--data DIR]");
        return 2;
    }
    settings[args[i]] = args[i + 1];
}
int epochs = int.Parse(settings["--epochs"], CultureInfo.InvariantCulture);
int threads = int.Parse(settings["--threads"], CultureInfo.InvariantCulture);
int[] widths = settings["--widths"].Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToArray();
string? dataDir = settings["--data"].Length > 0 ? settings["--data"] : null;
if (epochs < 2)
{
    Console.Error.WriteLine("--epochs must be at least 2: the first epoch warms up and is not counted");
    return 2;
}

TorchRuntime.UseShortOpenMpWaits();
set_num_threads(threads);
double peak = GemmPeak();
double flops = EpochFlops(784, widths, 10, 60_000);
Console.WriteLine($"float32 GEMM peak (2048³, best of 10): {peak:F0} GFLOP/s on {threads} threads");
Console.WriteLine($"one epoch: 60,000 samples, {flops / 1e9:F0} GFLOP in the Linear layers (forward and backward)\n");

var first = Ours(epochs, threads, widths, dataDir);
var peer = Peer(epochs, threads, widths, dataDir);
var second = Ours(epochs, threads, widths, dataDir);

double ours = Math.Min(first.BestEpoch, second.BestEpoch);
double theirs = peer.Skip(1).Min();
double measure = Math.Min(first.MeasureSeconds, second.MeasureSeconds);
Console.WriteLine($"{"",-36}{"best epoch",12}{"GFLOP/s",10}{"of peak",9}");
Row("ours (LowDim, TorchSharp)", ours);
Row("peer (PyTorch, train_peer.py)", theirs);
Console.WriteLine($"\nepochs timed (after one warm-up): ours {Times(first.Epochs)} | {Times(second.Epochs)}; peer {Times(peer.Skip(1))}");
Console.WriteLine($"ours / peer: {ours / theirs:F2} (target ≤ 0.85)  {(ours / theirs <= 0.85 ? "PASS" : "FAIL")}");
Console.WriteLine($"measuring every metric on the training split plus every layer: {measure:F2} s = {measure / ours:F2} epochs (target < 1)  {(measure < ours ? "PASS" : "FAIL")}");
return 0;

void Row(string name, double seconds) =>
    Console.WriteLine($"{name,-36}{seconds,10:F2} s{flops / seconds / 1e9,10:F0}{flops / seconds / 1e9 / peak,9:P0}");

static string Times(IEnumerable<double> seconds) => string.Join(" ", seconds.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)));

static double GemmPeak()
{
    using var a = randn(2048, 2048);
    using var b = randn(2048, 2048);
    using var c = empty(2048, 2048);
    double best = double.MaxValue;
    for (int i = 0; i < 11; i++)
    {
        var clock = Stopwatch.StartNew();
        using (var product = a.mm(b)) c.copy_(product);
        if (i > 0) best = Math.Min(best, clock.Elapsed.TotalSeconds);
    }
    return 2.0 * 2048 * 2048 * 2048 / best / 1e9;
}

// Forward 2·n·in·out per Linear; backward the same for the weight gradient and again for the input
// gradient, which the first layer does not need.
static double EpochFlops(int inputs, int[] widths, int classes, long n)
{
    int[] sizes = [inputs, .. widths, classes];
    double total = 0;
    for (int l = 0; l + 1 < sizes.Length; l++) total += 2.0 * n * sizes[l] * sizes[l + 1] * (l == 0 ? 2 : 3);
    return total;
}

static (double[] Epochs, double BestEpoch, double MeasureSeconds) Ours(int epochs, int threads, int[] widths, string? dataDir)
{
    string folder = Path.Combine(Path.GetTempPath(), $"lowdim-train-bench-{Guid.NewGuid():N}");
    try
    {
        var spec = new TrainSpec
        {
            Name = "bench", Dataset = "fashion-mnist", DataDir = dataDir, PerClass = null, Widths = widths, Epochs = epochs,
            BatchSize = 128, Lr = 0.05, Momentum = 0.9, WeightDecay = 5e-4, MeasureAt = "last", Threads = threads, Device = "cpu", Out = folder,
        };
        var result = Trainer.Train(RunFolder.Create(spec, DateTime.UtcNow));
        double[] times = result.History.Skip(1).Select(h => h.TrainSeconds).ToArray();
        double measure = result.Metrics.First(m => m.Split == "train")["measure_seconds"] ?? double.NaN;
        Console.WriteLine($"ours: epochs {Times(times)} s (after one warm-up), measuring the training split {measure:F2} s");
        return (times, times.Min(), measure);
    }
    finally
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}

static double[] Peer(int epochs, int threads, int[] widths, string? dataDir)
{
    var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, UseShellExecute = false };
    foreach (string argument in (string[])["bench/python/train_peer.py", "--epochs", $"{epochs}", "--threads", $"{threads}", "--widths", string.Join(",", widths)])
        start.ArgumentList.Add(argument);
    if (dataDir is not null)
    {
        start.ArgumentList.Add("--data");
        start.ArgumentList.Add(dataDir);
    }
    start.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
    // Our process set a spin count for itself; libgomp lets GOMP_SPINCOUNT override PASSIVE, so the peer must not inherit it.
    start.Environment.Remove("GOMP_SPINCOUNT");
    using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start /usr/bin/python3");
    string output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0) throw new InvalidOperationException($"train_peer.py exited with code {process.ExitCode}");
    using var json = JsonDocument.Parse(output);
    double[] times = json.RootElement.GetProperty("epoch_seconds").EnumerateArray().Select(e => e.GetDouble()).ToArray();
    Console.WriteLine($"peer: torch {json.RootElement.GetProperty("torch_version").GetString()}, epochs {Times(times)} s (the first is warm-up)");
    return times;
}
