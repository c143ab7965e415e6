using System.CommandLine;
using LowDim.Data;
using Spectre.Console;

namespace LowDim.Cli.Commands;

/// <summary><c>lowdim data</c>: fetch the datasets and see where they are.</summary>
internal static class DataCommand
{
    public static Command Create(IAnsiConsole console, TextWriter output) =>
        new("data", "Download datasets and show where they are found.")
        {
            Get(console, output),
            List(output),
        };

    private static Command Get(IAnsiConsole console, TextWriter output)
    {
        var name = new Argument<string>("NAME") { Description = $"the dataset: {string.Join(", ", DownloadCatalog.Official.Keys)}" };
        var to = new Option<string?>("--to") { Description = "the folder to put it in (default ~/.lowdim/data/NAME, where it is found without --data-dir)" };
        var mirror = new Option<string?>("--mirror") { Description = "a base URL that serves the dataset's files under their official names, instead of the official sources" };
        var command = new Command("get", "Download a dataset from its official source and verify its checksums.") { name, to, mirror };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            string dataset = parsed.GetValue(name)!;
            string folder = parsed.GetValue(to) ?? DatasetLocator.FromEnvironment().DefaultDownloadFolder(dataset);
            Uri? mirrorUri = parsed.GetValue(mirror) is string m ? ParseMirror(m) : null;
            var result = await Download(console, output, dataset, folder, mirrorUri, cancellationToken);
            output.WriteLine(result.Downloaded.Count == 0
                ? $"{dataset} is already in {result.Folder}"
                : $"{dataset} is in {result.Folder}");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Downloads <paramref name="dataset"/> into <paramref name="folder"/> with a progress bar on a terminal,
    /// or a line per step written to <paramref name="lines"/> otherwise.
    /// </summary>
    internal static async Task<DownloadResult> Download(
        IAnsiConsole console, TextWriter lines, string dataset, string folder, Uri? mirror, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.UserAgent.ParseAdd($"lowdim/{typeof(DataCommand).Assembly.GetName().Version?.ToString(3)}");
        var downloader = new DatasetDownloader(client) { Mirror = mirror };
        if (console.Profile.Capabilities.Interactive && console.Profile.Out.IsTerminal)
        {
            return await console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                    new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
                .StartAsync(context => downloader.GetAsync(dataset, folder, new DownloadProgressBars(context, console), cancellationToken));
        }
        return await downloader.GetAsync(dataset, folder, new DownloadProgressLines(lines), cancellationToken);
    }

    private static Command List(TextWriter output)
    {
        var dataDir = new Option<string?>("--data-dir") { Description = "a folder to search first, as for training" };
        var command = new Command("list", "Show each dataset and where it is found.") { dataDir };
        command.SetAction(parsed =>
        {
            var locator = DatasetLocator.FromEnvironment();
            int width = Datasets.Names.Max(n => n.Length) + 2;
            foreach (string name in Datasets.Names)
            {
                output.WriteLine($"{name.PadRight(width)}{Where(locator, name, parsed.GetValue(dataDir))}");
            }
            return 0;
        });
        return command;
    }

    private static string Where(DatasetLocator locator, string name, string? dataDir)
    {
        if (!DownloadCatalog.Official.ContainsKey(name))
        {
            return "generated, no files";
        }
        try
        {
            return locator.Find(name, dataDir)?.Folder ?? $"not found (lowdim data get {name})";
        }
        catch (DataFileException e)
        {
            return $"incomplete: {e.Message}";
        }
    }

    private static Uri ParseMirror(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new InvalidInputException($"--mirror must be an http:// or https:// URL, not '{text}'");
}
