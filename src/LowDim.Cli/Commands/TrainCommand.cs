using System.CommandLine;
using System.ComponentModel;
using System.Reflection;
using LowDim.Data;
using LowDim.Experiments;
using LowDim.Reporting;
using LowDim.Training;
using Spectre.Console;

namespace LowDim.Cli.Commands;

/// <summary>
/// <c>lowdim train</c>: trains a classifier into the terminal phase and measures neural collapse as it goes.
/// Every key of the spec is an option (<c>feature_dim</c> is <c>--feature-dim</c>); options override
/// <c>--spec</c>, which overrides the defaults.
/// </summary>
internal static class TrainCommand
{
    /// <summary>Spec keys that only say where and how fast a run computes; a resumed run may change them.</summary>
    private static readonly HashSet<string> RuntimeKeys = ["threads", "device"];

    /// <summary>Exit code after Ctrl+C, as shells report a process stopped by SIGINT.</summary>
    private const int Interrupted = 130;

    public static Command Create(IAnsiConsole console, TextWriter output)
    {
        var specFile = new Option<string?>("--spec") { Description = "a JSON spec file (keys as in a run's spec.json); options given here override it" };
        var resume = new Option<string?>("--resume") { Description = "continue the run in this folder from its latest checkpoint" };
        var json = new Option<bool>("--json") { Description = "print one JSON object per measured (epoch, split, layer) instead of progress and tables" };
        var noReport = new Option<bool>("--no-report") { Description = "do not write report.html and the plots at the end (lowdim report RUN makes them later)" };
        var command = new Command("train", "Train a classifier into the terminal phase and watch neural collapse emerge.")
        {
            specFile, resume, json, noReport,
        };
        var keyed = new List<(string Key, Option Option)>();
        foreach (var (key, property) in TrainSpecJson.Keys)
        {
            string name = TrainSpecJson.OptionName(key);
            string description = property.GetCustomAttribute<DescriptionAttribute>()?.Description ?? key;
            Option option = property.PropertyType == typeof(bool)
                ? new Option<bool>(name) { Description = (bool)property.GetValue(new TrainSpec())! ? $"{description} [default: true; {name} false turns it off]" : description }
                // Given twice, an option's last value wins, so overrides can be appended to a command line.
                : new Option<string[]>(name) { Description = $"{description} [default: {DefaultText(property)}]", AllowMultipleArgumentsPerToken = false };
            command.Options.Add(option);
            keyed.Add((key, option));
        }

        command.SetAction(parsed =>
        {
            var given = keyed
                .Where(k => parsed.GetResult(k.Option) is { Implicit: false })
                .Select(k => new KeyValuePair<string, string>(k.Key, k.Option is Option<bool> flag
                    ? (parsed.GetValue(flag) ? "true" : "false")
                    : parsed.GetValue((Option<string[]>)k.Option)![^1]))
                .ToList();
            RunFolder run;
            if (parsed.GetValue(resume) is string resumePath)
            {
                if (parsed.GetValue(specFile) is not null) throw new InvalidInputException("--resume continues a run with its own spec.json; --spec cannot be used with it");
                var fixedKeys = given.Where(g => !RuntimeKeys.Contains(g.Key)).Select(g => TrainSpecJson.OptionName(g.Key)).ToList();
                if (fixedKeys.Count > 0)
                    throw new InvalidInputException($"--resume continues a run as its spec.json says; {string.Join(", ", fixedKeys)} cannot change (only --threads and --device can)");
                run = RunFolder.Open(resumePath);
                run = run.WithSpec(TrainSpecJson.Override(run.Spec, given));
            }
            else
            {
                var spec = parsed.GetValue(specFile) is string path ? TrainSpecJson.Read(path) : new TrainSpec();
                spec = TrainSpecJson.Override(spec, given);
                spec.Validate();
                FetchMissingDataset(spec, console, parsed.GetValue(json) ? parsed.InvocationConfiguration.Error : output);
                run = RunFolder.Create(spec, DateTime.UtcNow);
            }

            // Ctrl+C stops at the next progress point; the latest checkpoint stays, and --resume continues.
            using var interrupt = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                interrupt.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            TrainingResult result;
            try
            {
                if (parsed.GetValue(json))
                {
                    result = Trainer.Train(run, new TrainJsonLines(output), interrupt.Token);
                }
                else
                {
                    result = new TrainProgressView(console).Run(observer => Trainer.Train(run, observer, interrupt.Token));
                }
            }
            catch (OperationCanceledException)
            {
                parsed.InvocationConfiguration.Error.WriteLine(
                    $"interrupted; the latest checkpoint is kept. Continue with: lowdim train --resume {run.Path}");
                return Interrupted;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
            string? report = parsed.GetValue(noReport) ? null : RunReport.Write(result.RunPath);
            if (!parsed.GetValue(json))
            {
                console.MarkupLine($"[green]done[/]: {result.Epochs} epochs; run folder [bold]{Markup.Escape(result.RunPath)}[/]");
                if (report is not null) console.MarkupLine($"report: {Markup.Escape(report)}");
            }
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Downloads a file dataset that is nowhere on this machine into ~/.lowdim/data, as <c>lowdim data get</c>
    /// would; a dataset in a folder given with --data-dir is never fetched.
    /// </summary>
    private static void FetchMissingDataset(TrainSpec spec, IAnsiConsole console, TextWriter lines)
    {
        if (spec.DataDir is not null || !DownloadCatalog.Official.ContainsKey(spec.Dataset)) return;
        var locator = DatasetLocator.FromEnvironment();
        if (locator.Find(spec.Dataset, null) is not null) return;
        string folder = locator.DefaultDownloadFolder(spec.Dataset);
        lines.WriteLine($"{spec.Dataset} is not on this machine; downloading it to {folder}");
        try
        {
            DataCommand.Download(console, lines, spec.Dataset, folder, mirror: null, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (DownloadException e)
        {
            string debian = spec.Dataset == "fashion-mnist" ? "apt-get install dataset-fashion-mnist, " : "";
            throw new InvalidInputException(
                $"{spec.Dataset} is not on this machine and could not be downloaded ({e.Message}); {debian}run 'lowdim data get {spec.Dataset} --mirror URL', or pass --data-dir DIR");
        }
    }

    private static string DefaultText(PropertyInfo property)
    {
        object? value = property.GetValue(new TrainSpec());
        return value switch
        {
            null => "none",
            int[] ints => string.Join(",", ints),
            double[] doubles => string.Join(",", doubles.Select(d => d.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture))),
            double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }
}
