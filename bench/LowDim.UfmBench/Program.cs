using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LowDim;
using LowDim.Data;
using LowDim.Theory;
using static TorchSharp.torch;

// The UFM benchmark: LowDim's UfmSolver (gradient descent, stopping at an nc1 target checked every 10 iterations)
// against the same solver written in PyTorch (bench/python/ufm_peer.py), from the same start point, side by side:
// ours and the peer take turns, one solve each per round, on the same threads. The case is the first of the UFM
// issue: K = 10, d = 64, n = 50 per class, λ_W = λ_H = λ_b = 5e-4, cross-entropy, float64, solved to nc1 ≤ 1e-6.
// Run from the repository root through bench/ufm.sh. See bench/README.md.

const string Usage = "usage: bench/ufm.sh [--repeats 5] [--threads 1,2] [--lr 10] [--target 1e-6] [--check-every 10] [--k 10] [--d 64] [--n 50] [--seed 0]";
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var settings = new Dictionary<string, string>
{
    ["--repeats"] = "5", ["--threads"] = "1,2", ["--lr"] = "10", ["--target"] = "1e-6", ["--check-every"] = "10",
    ["--k"] = "10", ["--d"] = "64", ["--n"] = "50", ["--seed"] = "0",
};
for (int i = 0; i < args.Length; i += 2)
{
    if (!settings.ContainsKey(args[i]) || i + 1 >= args.Length)
    {
        Console.Error.WriteLine($"unknown option or missing value '{args[i]}'\n{Usage}");
        return 2;
    }
    settings[args[i]] = args[i + 1];
}
int repeats = Integer("--repeats"), checkEvery = Integer("--check-every");
int[] threadCounts = settings["--threads"].Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();
double lr = Number("--lr"), target = Number("--target");
if (repeats < 1 || checkEvery < 1 || threadCounts.Any(t => t < 1))
{
    Console.Error.WriteLine($"--repeats, --threads and --check-every must be at least 1\n{Usage}");
    return 2;
}

TorchRuntime.UseShortOpenMpWaits();
var problem = UfmProblem.Balanced(Integer("--k"), Integer("--d"), Integer("--n"));
problem.Validate();
var options = new UfmSolveOptions
{
    Minimizer = new MinimizerOptions { Method = MinimizerMethod.GradientDescent, LearningRate = lr, MaxIterations = 100_000, GradientTolerance = 0 },
    Nc1Target = target,
    TargetCheckEvery = checkEvery,
    Trace = false,
};
using var start = UfmPoint.Random(problem, Integer("--seed"));
string folder = Path.Combine(Path.GetTempPath(), $"lowdim-ufm-bench-{Guid.NewGuid():N}");
Directory.CreateDirectory(folder);
try
{
    // The peer starts from our start point: libtorch 2.x and PyTorch 1.13 need not draw the same normals.
    NpyFile.Write(Path.Combine(folder, "W.npy"), start.Weight);
    NpyFile.Write(Path.Combine(folder, "H.npy"), start.Features);
    NpyFile.Write(Path.Combine(folder, "b.npy"), start.Bias!);

    // UseShortOpenMpWaits leaves a wait policy or spin count from the environment alone, and records its own in it.
    string waits = Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is { } policy
        ? $"OMP_WAIT_POLICY={policy}"
        : $"GOMP_SPINCOUNT={Environment.GetEnvironmentVariable("GOMP_SPINCOUNT")}";
    Console.WriteLine($"UFM {problem.Describe()}, {problem.DType.ToString().ToLowerInvariant()}, gradient descent with lr {settings["--lr"]} to nc1 ≤ {settings["--target"]} checked every {checkEvery} iterations");
    Console.WriteLine($"OpenMP waits: ours {waits}; the peer OMP_WAIT_POLICY=PASSIVE");
    var comparisons = new List<Comparison>();
    foreach (int threads in threadCounts)
    {
        set_num_threads(threads);
        Ours();
        var comparison = new Comparison(threads, [], []);
        for (int round = 0; round < repeats; round++)
        {
            comparison.Ours.Add(Ours());
            comparison.Peer.Add(Peer(threads));
        }
        comparisons.Add(comparison);
        Print(comparison);
    }
    Console.WriteLine($"\nresults: {Write(comparisons)}");
    return 0;
}
finally
{
    Directory.Delete(folder, recursive: true);
}

int Integer(string option) => int.Parse(settings[option], CultureInfo.InvariantCulture);

double Number(string option) => double.Parse(settings[option], CultureInfo.InvariantCulture);

static string Times(IEnumerable<Run> runs) => string.Join(" ", runs.Select(r => r.Seconds.ToString("F3", CultureInfo.InvariantCulture)));

static void Print(Comparison c)
{
    var (ours, peer) = (c.Ours.MinBy(r => r.Seconds)!, c.Peer.MinBy(r => r.Seconds)!);
    Console.WriteLine($"\n{c.Threads} thread{(c.Threads == 1 ? "" : "s")}, {c.Ours.Count} solves each, ours and the peer in turn");
    Console.WriteLine($"{"",-36}{"best",9}{"iterations",12}{"objective",22}{"nc1",11}   all solves (s)");
    Row("ours (LowDim, TorchSharp)", ours, c.Ours);
    Row($"peer (PyTorch {c.TorchVersion}, ufm_peer.py)", peer, c.Peer);
    bool sameIterations = c.Ours.Concat(c.Peer).All(r => r.Iterations == ours.Iterations);
    double objectives = Math.Abs(ours.Objective - peer.Objective) / Math.Abs(peer.Objective);
    Console.WriteLine($"same trajectory: iterations {(sameIterations ? "equal" : "DIFFER")}, objectives differ by {objectives:G2} relative");
    string rounds = string.Join(" ", c.Ours.Zip(c.Peer, (o, p) => (o.Seconds / p.Seconds).ToString("F2", CultureInfo.InvariantCulture)));
    Console.WriteLine($"ours / peer: {c.Ratio:F2} (best against best; round by round {rounds}); target ≤ 1.00  {(c.Ratio <= 1.0 ? "PASS" : "FAIL")}");

    static void Row(string name, Run best, List<Run> runs) =>
        Console.WriteLine($"{name,-36}{best.Seconds,7:F3} s{best.Iterations,12}{best.Objective,22:R}{best.Nc1,11:G3}   {Times(runs)}");
}

// One solve from the shared start, timed whole: the objective's set-up, every iteration, every nc1 check and the
// final measurement, as the peer's time covers its iterations and checks.
Run Ours()
{
    long begin = Stopwatch.GetTimestamp();
    using var solution = UfmSolver.Solve(problem, start, options);
    double seconds = Stopwatch.GetElapsedTime(begin).TotalSeconds;
    if (solution.Result.Reason != StopReason.TargetReached)
        throw new InvalidOperationException($"our solver stopped early: {solution.StopDescription}");
    return new Run(seconds, solution.Iterations, solution.Objective, solution.Metrics.Nc1, "");
}

// One peer process per round: it loads the start, solves once untimed to warm up, then once timed. It runs with
// OMP_WAIT_POLICY=PASSIVE and without the spin count our process set for itself.
Run Peer(int threads)
{
    var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, UseShellExecute = false };
    foreach (string argument in (string[])["bench/python/ufm_peer.py", "--start", folder, "--lr", settings["--lr"],
                 "--lambda-w", $"{problem.LambdaW:R}", "--lambda-h", $"{problem.LambdaH:R}", "--lambda-b", $"{problem.LambdaB:R}",
                 "--target", settings["--target"], "--check-every", $"{checkEvery}", "--threads", $"{threads}", "--repeats", "1"])
        info.ArgumentList.Add(argument);
    info.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
    info.Environment.Remove("GOMP_SPINCOUNT");
    using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start /usr/bin/python3");
    string output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0) throw new InvalidOperationException($"ufm_peer.py exited with code {process.ExitCode}");
    using var json = JsonDocument.Parse(output);
    var root = json.RootElement;
    return new Run(root.GetProperty("seconds")[0].GetDouble(), root.GetProperty("iterations").GetInt32(),
        root.GetProperty("objective").GetDouble(), root.GetProperty("nc1").GetDouble(), root.GetProperty("torch_version").GetString() ?? "");
}

// bench/results/ufm-<date>.json, through a temporary file so that it appears whole or not at all.
string Write(List<Comparison> comparisons)
{
    var record = new
    {
        problem = problem.Describe(), lr, target, check_every = checkEvery,
        comparisons = comparisons.Select(c => new { threads = c.Threads, ratio = c.Ratio, ours = c.Ours, peer = c.Peer }),
    };
    Directory.CreateDirectory("bench/results");
    string path = Path.Combine("bench/results", $"ufm-{DateTime.Now:yyyy-MM-dd-HHmmss}.json");
    string temporary = path + ".tmp";
    File.WriteAllText(temporary, JsonSerializer.Serialize(record, new JsonSerializerOptions { WriteIndented = true }));
    File.Move(temporary, path, overwrite: true);
    return path;
}

/// <summary>One timed solve: seconds, iterations, final objective and nc1 (and the peer's torch version).</summary>
internal sealed record Run(double Seconds, int Iterations, double Objective, double Nc1, string TorchVersion);

/// <summary>The solves of both sides at one thread count.</summary>
internal sealed record Comparison(int Threads, List<Run> Ours, List<Run> Peer)
{
    /// <summary>Our best time over the peer's best.</summary>
    public double Ratio => Ours.Min(r => r.Seconds) / Peer.Min(r => r.Seconds);

    /// <summary>The peer's torch version.</summary>
    public string TorchVersion => Peer.Count > 0 ? Peer[0].TorchVersion : "";
}
