using System.CommandLine;
using System.Diagnostics;
using LowDim.Cli.Input;
using LowDim.Data;
using LowDim.Measurement;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Cli.Commands;

/// <summary><c>lowdim measure</c>: the neural-collapse metrics of features saved from any network.</summary>
internal static class MeasureCommand
{
    public static Command Create(IAnsiConsole console, TextWriter output)
    {
        var features = new Option<string>("--features")
        {
            Description = "(N, d) features: FILE.npy (float32/float64), FILE.safetensors[:NAME], or FILE.csv with a label column",
            Required = true,
        };
        var labels = new Option<string?>("--labels") { Description = "(N) integer labels: FILE.npy or FILE.safetensors[:NAME]; not needed with a CSV" };
        var weights = new Option<string?>("--weights") { Description = "(K, d) classifier weights W: FILE.npy or FILE.safetensors[:NAME]" };
        var bias = new Option<string?>("--bias") { Description = "(K) classifier bias b (needs --weights)" };
        var classes = new Option<int?>("--classes") { Description = "number of classes K (default: rows of W, else largest label + 1)" };
        var globalMean = new Option<string>("--global-mean") { Description = "class: mean of class means (Papyan et al.); sample: mean of all samples (Zhu et al.)", DefaultValueFactory = _ => "class" };
        globalMean.AcceptOnlyFromAmong("class", "sample");
        var labelColumn = new Option<string>("--label-column") { Description = "the CSV column that holds the labels", DefaultValueFactory = _ => "label" };
        var rankTolerance = new Option<double?>("--rank-tolerance") { Description = "relative singular-value cutoff for the rank of the centred means (default max(d, K)·ε of the features' dtype)" };
        var device = new Option<string>("--device") { Description = "auto, cpu or cuda", DefaultValueFactory = _ => "auto" };
        var threads = new Option<int?>("--threads") { Description = "CPU threads (default: one per core)" };
        var json = new Option<bool>("--json") { Description = "print one JSON object instead of a table" };

        var command = new Command("measure", "Measure neural collapse (NC1-NC4) of saved features.")
        {
            features, labels, weights, bias, classes, globalMean, labelColumn, rankTolerance, device, threads, json,
        };
        command.SetAction(parsed =>
        {
            TorchRuntime.SetThreads(parsed.GetValue(threads));
            var target = TorchRuntime.ResolveDevice(parsed.GetValue(device)!);
            var request = new MeasureRequest(
                TensorSource.Parse(parsed.GetValue(features)!),
                parsed.GetValue(labels) is string l ? TensorSource.Parse(l) : null,
                parsed.GetValue(weights) is string w ? TensorSource.Parse(w) : null,
                parsed.GetValue(bias) is string b ? TensorSource.Parse(b) : null,
                parsed.GetValue(labelColumn)!,
                parsed.GetValue(classes),
                new NeuralCollapseOptions
                {
                    GlobalMean = parsed.GetValue(globalMean) == "sample" ? GlobalMean.Sample : GlobalMean.Class,
                    RankTolerance = parsed.GetValue(rankTolerance),
                });
            var result = Run(request, target);
            if (parsed.GetValue(json)) MeasureOutput.WriteJson(output, result);
            else MeasureOutput.WriteTable(console, result, request);
            foreach (var warning in result.Metrics.Warnings) parsed.InvocationConfiguration.Error.WriteLine($"warning: {warning}");
            return 0;
        });
        return command;
    }

    internal sealed record MeasureRequest(
        TensorSource Features, TensorSource? Labels, TensorSource? Weights, TensorSource? Bias,
        string LabelColumn, int? Classes, NeuralCollapseOptions Options);

    internal sealed record MeasureResult(NeuralCollapseMetrics Metrics, double LoadSeconds, double ComputeSeconds);

    private static MeasureResult Run(MeasureRequest request, Device device)
    {
        using var scope = NewDisposeScope();
        var clock = Stopwatch.StartNew();
        Tensor h, y;
        if (request.Features.IsCsv)
        {
            if (request.Labels is not null)
                throw new InvalidInputException("--labels is not used with CSV features: the labels are the CSV's label column (--label-column)");
            (h, y) = CsvFeatures.Read(request.Features.Path, request.LabelColumn);
        }
        else
        {
            if (request.Labels is null)
                throw new InvalidInputException("--labels is required unless the features are a CSV file with a label column");
            h = request.Features.Read("features");
            y = request.Labels.Read("labels");
            CheckPair(request.Features, h, request.Labels, y);
        }
        if (request.Bias is not null && request.Weights is null)
            throw new InvalidInputException("--bias needs --weights");
        LinearClassifier? classifier = null;
        if (request.Weights is not null)
        {
            var w = request.Weights.Read("weights");
            CheckWeights(request.Weights, w, request.Features, h);
            var b = request.Bias?.Read("bias");
            if (b is not null && (b.dim() != 1 || b.shape[0] != w.shape[0]))
                throw new DataFileException(request.Bias!.Path, $"bias has shape ({string.Join(", ", b.shape)}) but the weights have {w.shape[0]} rows");
            classifier = new LinearClassifier(w.to(device), b?.to(device));
        }
        h = h.to(device);
        y = y.to(device);
        double load = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var metrics = NeuralCollapse.Measure(h, y, request.Classes, classifier, request.Options);
        if (device.type == DeviceType.CUDA) cuda.synchronize();
        return new MeasureResult(metrics, load, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Shape and dtype checks that can name the file at fault.</summary>
    private static void CheckPair(TensorSource featureSource, Tensor h, TensorSource labelSource, Tensor y)
    {
        if (h.dim() != 2)
            throw new DataFileException(featureSource.Path, $"features must be a 2-D (N, d) array, got shape ({string.Join(", ", h.shape)})");
        if (!h.is_floating_point())
            throw new DataFileException(featureSource.Path, $"features must be float32 or float64, got {h.dtype}");
        if (y.dim() != 1)
            throw new DataFileException(labelSource.Path, $"labels must be a 1-D (N) array, got shape ({string.Join(", ", y.shape)})");
        if (y.is_floating_point() || y.dtype == ScalarType.Bool)
            throw new DataFileException(labelSource.Path, $"labels must be integers (int32, int64 or uint8), got {y.dtype}");
        if (y.shape[0] != h.shape[0])
            throw new DataFileException(labelSource.Path, $"{y.shape[0]} labels for {h.shape[0]} feature rows in {featureSource.Path}");
    }

    private static void CheckWeights(TensorSource weightSource, Tensor w, TensorSource featureSource, Tensor h)
    {
        if (w.dim() != 2 || !w.is_floating_point())
            throw new DataFileException(weightSource.Path, $"weights must be a 2-D (K, d) float array, got {w.dtype} of shape ({string.Join(", ", w.shape)})");
        if (w.shape[1] != h.shape[1])
            throw new DataFileException(weightSource.Path, $"weights have {w.shape[1]} columns but the features in {featureSource.Path} have d = {h.shape[1]}");
    }
}
