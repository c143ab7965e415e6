using LowDim.Data;

namespace LowDim.Cli.Commands;

/// <summary>Download progress as plain lines, one per stage of each file, for logs and pipes.</summary>
internal sealed class DownloadProgressLines(TextWriter output) : IProgress<DownloadProgress>
{
    public void Report(DownloadProgress value)
    {
        string? line = value.Stage switch
        {
            DownloadStage.AlreadyPresent => $"{value.File}: already present",
            DownloadStage.Downloading when value.Bytes == 0 => $"{value.File}: downloading {value.Detail}",
            DownloadStage.SourceFailed => $"{value.File}: failed: {value.Detail}",
            DownloadStage.Extracting => $"{value.File}: extracting",
            DownloadStage.Done => $"{value.File}: verified",
            _ => null,
        };
        if (line is not null)
        {
            lock (output) output.WriteLine(line);
        }
    }
}
