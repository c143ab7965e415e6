using System.CommandLine;
using System.Globalization;
using LowDim.Reporting;

namespace LowDim.Cli.Commands;

/// <summary><c>lowdim report</c>: a run's report.html, or one page that overlays several runs.</summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter output)
    {
        var runs = new Argument<string[]>("RUN")
        {
            Description = "run folders (runs/<time>-<name>); one regenerates RUN/report.html, several are compared",
            Arity = ArgumentArity.OneOrMore,
        };
        var outputFile = new Option<string?>("--out")
        {
            Description = "the comparison page for several runs (default compare-<yyyyMMdd-HHmmss>.html here); its PNGs go to <out>-plots/",
        };
        var command = new Command("report", "Write a run's HTML report with its plots, or compare several runs.") { runs, outputFile };
        command.SetAction(parsed =>
        {
            string[] folders = parsed.GetValue(runs)!;
            string? html = parsed.GetValue(outputFile);
            if (folders.Length == 1)
            {
                if (html is not null)
                    throw new InvalidInputException($"--out is for comparing several runs; one run's report is always {Path.Combine(folders[0], "report.html")}");
                output.WriteLine(RunReport.Write(folders[0]));
            }
            else
            {
                html ??= $"compare-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.html";
                output.WriteLine(ComparisonReport.Write(folders, html));
            }
            return 0;
        });
        return command;
    }
}
