using System.CommandLine;
using System.Globalization;
using LowDim.Reporting;
using LowDim.Theory;
using LowDim.Training;
using Spectre.Console;
using static TorchSharp.torch;

namespace LowDim.Cli.Commands;

/// <summary>
/// <c>lowdim ufm</c>: solves the unconstrained features model (or the deep UFM with <c>--layers</c>), compares the
/// solution with the closed form where theory gives one, probes the landscape from many starts, and writes a report.
/// </summary>
internal static class UfmCommand
{
    /// <summary>Exit code after Ctrl+C, as shells report a process stopped by SIGINT.</summary>
    private const int Interrupted = 130;

    public static Command Create(IAnsiConsole console, TextWriter output)
    {
        var loss = new Option<string>("--loss") { Description = "ce, focal, ls (label smoothing) or mse", DefaultValueFactory = _ => "ce" };
        loss.AcceptOnlyFromAmong("ce", "focal", "ls", "mse");
        var gamma = new Option<double>("--focal-gamma") { Description = "γ of the focal loss", DefaultValueFactory = _ => 2.0 };
        var smoothing = new Option<double>("--smoothing") { Description = "α of label smoothing", DefaultValueFactory = _ => 0.1 };
        var mseScale = new Option<double>("--mse-scale") { Description = "Hui & Belkin's k: weight of the true class in the square loss", DefaultValueFactory = _ => 1.0 };
        var mseTarget = new Option<double>("--mse-target") { Description = "Hui & Belkin's M: the square loss's target for the true class", DefaultValueFactory = _ => 1.0 };
        var classes = new Option<int>("--classes") { Description = "K, the number of classes", DefaultValueFactory = _ => 10 };
        var dim = new Option<int>("--dim") { Description = "d, the feature dimension (of the free features)", DefaultValueFactory = _ => 64 };
        var perClass = new Option<int?>("--per-class") { Description = "n, samples per class [default: 50]" };
        var classSizes = new Option<string?>("--class-sizes") { Description = "n_1,n_2,...,n_K for imbalanced classes (instead of --per-class)" };
        var lambdaW = new Option<string>("--lambda-w") { Description = "λ_W, the classifier's weight decay (deep UFM: one value, or one per layer)", DefaultValueFactory = _ => "5e-4" };
        var lambdaH = new Option<double>("--lambda-h") { Description = "λ_H, the features' weight decay", DefaultValueFactory = _ => 5e-4 };
        var lambdaB = new Option<double>("--lambda-b") { Description = "λ_b, the bias's weight decay", DefaultValueFactory = _ => 5e-4 };
        var noBias = new Option<bool>("--no-bias") { Description = "a classifier without bias (b = 0); the deep UFM never has one" };
        var solver = new Option<string>("--solver") { Description = "lbfgs or gd (full-batch gradient descent)", DefaultValueFactory = _ => "lbfgs" };
        solver.AcceptOnlyFromAmong("lbfgs", "gd");
        var iterations = new Option<int?>("--iterations") { Description = "the most iterations of each solve [default: 2000 for lbfgs, 50000 for gd]" };
        var lr = new Option<double>("--lr") { Description = "the step of gradient descent", DefaultValueFactory = _ => 10.0 };
        var tolerance = new Option<double?>("--tolerance") { Description = "stop when the gradient norm is at or below this [default: 1e-10 in float64, 1e-5 in float32]" };
        var seeds = new Option<int>("--seeds") { Description = "random starts for the landscape check", DefaultValueFactory = _ => 20 };
        var seed = new Option<long>("--seed") { Description = "the first start's seed (the others follow)", DefaultValueFactory = _ => 0 };
        var layers = new Option<int?>("--layers") { Description = "L, layers on top of the free features: the deep UFM (no bias, no closed form; L = 1 is the bias-free UFM solved that way)" };
        var widths = new Option<string?>("--widths") { Description = "d_1,...,d_L, the widths of the deep UFM's layers [default: --dim for each]" };
        var activation = new Option<string>("--activation") { Description = "linear or relu, between the deep UFM's layers", DefaultValueFactory = _ => "relu" };
        activation.AcceptOnlyFromAmong("linear", "relu");
        var start = new Option<string>("--start")
        {
            Description = "the deep UFM's start: random (one per seed), collapsed (deep neural collapse) or srg (the low-rank strongly-regular-graph point; K = r(r − 1)/2)",
            DefaultValueFactory = _ => "random",
        };
        start.AcceptOnlyFromAmong("random", "collapsed", "srg");
        var dtype = new Option<string>("--dtype") { Description = "float64 or float32", DefaultValueFactory = _ => "float64" };
        dtype.AcceptOnlyFromAmong("float64", "float32");
        var hessian = new Option<bool>("--hessian") { Description = "the smallest Hessian eigenvalue (Lanczos on exact Hessian-vector products) at the solution and at W = 0, H = 0" };
        var json = new Option<bool>("--json") { Description = "print one JSON object instead of progress and tables" };
        var outFolder = new Option<string?>("--out") { Description = "the folder for report.html, the plots, result.json and trace.csv [default: runs/<time>-ufm]" };
        var noReport = new Option<bool>("--no-report") { Description = "write nothing to disk" };
        var threads = new Option<int?>("--threads") { Description = "CPU threads [default: 1: these problems are too small to gain from more, and a second thread waits on the first]" };
        var device = new Option<string>("--device") { Description = "auto, cpu or cuda", DefaultValueFactory = _ => "cpu" };

        var command = new Command("ufm", "Solve the unconstrained features model (or the deep UFM), check it against theory and probe its landscape.")
        {
            loss, gamma, smoothing, mseScale, mseTarget, classes, dim, perClass, classSizes, lambdaW, lambdaH, lambdaB, noBias,
            solver, iterations, lr, tolerance, seeds, seed, layers, widths, activation, start, dtype, hessian, json, outFolder, noReport, threads, device,
        };
        command.SetAction(parsed =>
        {
            TorchRuntime.SetThreads(parsed.GetValue(threads) ?? 1);
            var target = TorchRuntime.ResolveDevice(parsed.GetValue(device)!);
            var scalar = parsed.GetValue(dtype) == "float32" ? ScalarType.Float32 : ScalarType.Float64;
            int k = parsed.GetValue(classes);
            var sizes = Sizes(parsed.GetValue(perClass), parsed.GetValue(classSizes), k);
            var lossOptions = new LossOptions
            {
                Kind = parsed.GetValue(loss)!, FocalGamma = parsed.GetValue(gamma), Smoothing = parsed.GetValue(smoothing),
                MseScale = parsed.GetValue(mseScale), MseTarget = parsed.GetValue(mseTarget),
            };
            bool gd = parsed.GetValue(solver) == "gd";
            var minimizer = new MinimizerOptions
            {
                Method = gd ? MinimizerMethod.GradientDescent : MinimizerMethod.Lbfgs,
                MaxIterations = parsed.GetValue(iterations) ?? (gd ? 50_000 : 2000),
                LearningRate = parsed.GetValue(lr),
                GradientTolerance = parsed.GetValue(tolerance) ?? (scalar == ScalarType.Float64 ? 1e-10 : 1e-5),
            };
            double[] lambdaWs = Numbers("--lambda-w", parsed.GetValue(lambdaW)!);
            bool deep = parsed.GetValue(layers) is not null || parsed.GetValue(widths) is not null;
            if (!deep && lambdaWs.Length != 1)
                throw new InvalidInputException("--lambda-w takes one value for the UFM (one per layer needs --layers)");
            var problem = new UfmProblem
            {
                Loss = lossOptions, Classes = k, Dim = parsed.GetValue(dim), ClassSizes = sizes, LambdaW = lambdaWs[0],
                LambdaH = parsed.GetValue(lambdaH), LambdaB = parsed.GetValue(lambdaB), Bias = !parsed.GetValue(noBias), DType = scalar,
            };
            var solve = new UfmSolveOptions { Minimizer = minimizer, Seed = parsed.GetValue(seed) };
            bool quiet = parsed.GetValue(json);
            bool write = !parsed.GetValue(noReport);
            var started = DateTime.UtcNow;

            using var interrupt = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                interrupt.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                if (deep) return RunDeep();
                if (parsed.GetValue(start) != "random") throw new InvalidInputException("--start is for the deep UFM (--layers); the UFM starts at random points");
                var spec = new UfmStudySpec { Problem = problem, Solve = solve, Seeds = parsed.GetValue(seeds), Hessian = parsed.GetValue(hessian) };
                // Bad input is one line, before anything else is printed.
                problem.Validate();
                minimizer.Validate();
                new UfmLandscapeOptions { Seeds = spec.Seeds }.Validate();
                if (!quiet) UfmOutput.WriteHeader(console, problem.Describe(), minimizer, spec.Seeds, spec.Solve.Seed, scalar);
                using var result = new UfmProgressView(console, quiet).Run(observer => UfmStudy.Run(spec, observer, interrupt.Token, target));
                if (result.Cancelled)
                {
                    parsed.InvocationConfiguration.Error.WriteLine("interrupted; nothing was written");
                    return Interrupted;
                }
                string? folder = write ? UfmFiles.Folder(parsed.GetValue(outFolder), started) : null;
                string? report = folder is null ? null : Path.Combine(folder, UfmReport.PageName);
                string json = UfmOutput.Json(result, report);
                if (folder is not null) UfmFiles.Write(result, folder, json);
                if (quiet) output.WriteLine(json);
                else UfmOutput.WriteTables(console, result, report);
                return 0;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }

            int RunDeep()
            {
                int depth = parsed.GetValue(layers) ?? (parsed.GetValue(widths) is string given ? Numbers("--widths", given).Length : 1);
                int[] layerWidths = parsed.GetValue(widths) is string w
                    ? Numbers("--widths", w).Select(v => checked((int)v)).ToArray()
                    : Enumerable.Repeat(problem.Dim, Math.Max(depth, 0)).ToArray();
                if (layerWidths.Length != depth)
                    throw new InvalidInputException($"--widths lists {layerWidths.Length} widths but --layers is {depth}");
                var deepProblem = new DeepUfmProblem
                {
                    Loss = lossOptions, Classes = k, ClassSizes = sizes, Widths = layerWidths, Activation = parsed.GetValue(activation)!,
                    LambdaH = problem.LambdaH, LambdaW = lambdaWs, Bias = false, DType = scalar,
                };
                var startKind = parsed.GetValue(start) switch
                {
                    "collapsed" => DeepUfmStart.Collapsed,
                    "srg" => DeepUfmStart.StronglyRegularGraph,
                    _ => DeepUfmStart.Random,
                };
                bool seedsGiven = parsed.GetResult(seeds) is { Implicit: false };
                var spec = new DeepUfmStudySpec
                {
                    Problem = deepProblem, Start = startKind,
                    Seeds = startKind == DeepUfmStart.Random || seedsGiven ? parsed.GetValue(seeds) : 1,
                    Solve = new DeepUfmSolveOptions { Minimizer = minimizer, Seed = parsed.GetValue(seed) },
                };
                if (parsed.GetValue(hessian)) throw new InvalidInputException("--hessian is for the UFM; the deep UFM reports singular values per layer instead");
                DeepUfmStudy.Validate(spec);
                if (!quiet)
                {
                    UfmOutput.WriteHeader(console, deepProblem.Describe(), minimizer, spec.Seeds, spec.Solve.Seed, scalar);
                    if (startKind != DeepUfmStart.Random) console.MarkupLine($"start: {DeepUfmOutput.StartName(startKind)}");
                }
                using var result = new UfmProgressView(console, quiet).Run(observer => DeepUfmStudy.Run(spec, observer, interrupt.Token, target));
                if (result.Cancelled)
                {
                    parsed.InvocationConfiguration.Error.WriteLine("interrupted; nothing was written");
                    return Interrupted;
                }
                string? folder = write ? UfmFiles.Folder(parsed.GetValue(outFolder), started) : null;
                string? report = folder is null ? null : Path.Combine(folder, UfmReport.PageName);
                string json = DeepUfmOutput.Json(result, report);
                if (folder is not null) UfmFiles.Write(result, folder, json);
                if (quiet) output.WriteLine(json);
                else DeepUfmOutput.WriteTables(console, result, report);
                return 0;
            }
        });
        return command;
    }

    /// <summary>The class sizes that --per-class or --class-sizes name (not both).</summary>
    private static int[] Sizes(int? perClass, string? classSizes, int classes)
    {
        if (perClass is not null && classSizes is not null)
            throw new InvalidInputException("give --per-class or --class-sizes, not both");
        if (classSizes is null) return Enumerable.Repeat(perClass ?? 50, Math.Max(classes, 0)).ToArray();
        var sizes = Numbers("--class-sizes", classSizes).Select(v => checked((int)v)).ToArray();
        if (sizes.Length != classes)
            throw new InvalidInputException($"--class-sizes lists {sizes.Length} sizes but --classes is {classes}");
        return sizes;
    }

    /// <summary>A comma-separated list of numbers, or one line saying which option is wrong.</summary>
    internal static double[] Numbers(string option, string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
                throw new InvalidInputException($"{option} must be a number or a comma-separated list of numbers, not '{text}'");
        }
        return values;
    }
}
