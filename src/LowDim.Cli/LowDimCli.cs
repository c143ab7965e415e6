using System.CommandLine;
using System.CommandLine.Help;
using LowDim.Cli.Commands;
using LowDim.Data;
using Spectre.Console;

namespace LowDim.Cli;

/// <summary>The <c>lowdim</c> command: parses, validates, calls the library and renders.</summary>
internal static class LowDimCli
{
    /// <summary>Exit code for bad input: a usage error, a bad file or data that cannot be used.</summary>
    public const int BadInput = 2;

    /// <summary>Exit code for a failure that is not the user's input.</summary>
    public const int Failure = 1;

    /// <summary>Runs the command line with the given output streams; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        // Colours and live progress only on the process's own terminal: output piped to a file, or captured
        // by a test, gets plain text.
        bool terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        // A pipe has no width: do not wrap lines at 80 columns there.
        if (!terminal) console.Profile.Width = 200;
        // A plain command named lowdim rather than RootCommand, which names itself after the
        // assembly (LowDim.Cli) in help and errors.
        var root = new Command("lowdim", "LowDim: neural collapse and low-dimensional structure in deep classifiers.")
        {
            new HelpOption(),
            new VersionOption(),
            MeasureCommand.Create(console, output),
            TrainCommand.Create(console, output),
            UfmCommand.Create(console, output),
            DataCommand.Create(console, output),
            ReportCommand.Create(output),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors) error.WriteLine($"error: {OneLine(problem.Message)}");
            error.WriteLine("Run 'lowdim --help' for usage.");
            return BadInput;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is DataFileException or InvalidInputException)
        {
            error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
        catch (Exception e) when (e is Training.TrainingDivergedException or DownloadException)
        {
            error.WriteLine($"error: {e.Message}");
            return Failure;
        }
        catch (Exception e)
        {
            error.WriteLine($"error: {e.GetType().Name}: {FirstLine(e.Message)} (please report this with the command you ran)");
            return Failure;
        }
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string FirstLine(string message)
    {
        int end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
