namespace LowDim.Cli.Tests;

/// <summary>Runs the command line in process and captures what it prints.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = LowDimCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>A file of examples/fashion-mnist-mlp, made by tools/reference/make_example_features.py.</summary>
    public static string Example(string name)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "LowDim.sln"))) folder = folder.Parent;
        return Path.Combine(folder?.FullName ?? throw new InvalidOperationException("repository root not found"), "examples", "fashion-mnist-mlp", name);
    }
}
