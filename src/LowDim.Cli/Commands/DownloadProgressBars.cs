using LowDim.Data;
using Spectre.Console;

namespace LowDim.Cli.Commands;

/// <summary>Download progress as one bar per file with bytes, speed and time left, on a terminal.</summary>
internal sealed class DownloadProgressBars(ProgressContext context, IAnsiConsole console) : IProgress<DownloadProgress>
{
    private readonly Dictionary<string, ProgressTask> _tasks = [];

    public void Report(DownloadProgress value)
    {
        lock (_tasks)
        {
            if (!_tasks.TryGetValue(value.File, out var task))
            {
                task = context.AddTask(Markup.Escape(value.File), autoStart: true, maxValue: 1);
                _tasks[value.File] = task;
            }
            switch (value.Stage)
            {
                case DownloadStage.AlreadyPresent:
                    task.Description = Markup.Escape($"{value.File} (already present)");
                    task.Value = task.MaxValue;
                    task.StopTask();
                    break;
                case DownloadStage.Downloading:
                    task.IsIndeterminate = value.TotalBytes is null;
                    task.MaxValue = value.TotalBytes ?? Math.Max(1, value.Bytes);
                    task.Value = value.Bytes;
                    break;
                case DownloadStage.SourceFailed:
                    console.MarkupLine($"[yellow]{Markup.Escape($"{value.File}: failed: {value.Detail}")}[/]");
                    task.Value = 0;
                    break;
                case DownloadStage.Extracting:
                    task.Description = Markup.Escape($"{value.File} (extracting)");
                    break;
                case DownloadStage.Done:
                    task.Description = Markup.Escape(value.File);
                    task.Value = task.MaxValue;
                    task.StopTask();
                    break;
            }
        }
    }
}
