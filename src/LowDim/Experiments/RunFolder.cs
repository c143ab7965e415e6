using System.Globalization;
using System.Text.Json.Nodes;
using LowDim.Data;

namespace LowDim.Experiments;

/// <summary>
/// A run on disk: <c>&lt;out&gt;/&lt;yyyyMMdd-HHmmss&gt;-&lt;name&gt;/</c> with spec.json (the fully resolved spec and
/// the versions that ran it), metrics.csv, history.csv, geometry.json and checkpoints/. Every file is
/// written atomically, so a run killed at any moment leaves only whole files.
/// </summary>
public sealed class RunFolder
{
    private RunFolder(string path, TrainSpec spec)
    {
        Path = path;
        Spec = spec;
    }

    /// <summary>The run's folder.</summary>
    public string Path { get; }

    /// <summary>The spec the run trains with.</summary>
    public TrainSpec Spec { get; }

    /// <summary>The run's name: its folder's name.</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>spec.json.</summary>
    public string SpecFile => System.IO.Path.Combine(Path, "spec.json");

    /// <summary>metrics.csv: one row per measured (epoch, split, layer).</summary>
    public string MetricsFile => System.IO.Path.Combine(Path, "metrics.csv");

    /// <summary>history.csv: one row per trained epoch.</summary>
    public string HistoryFile => System.IO.Path.Combine(Path, "history.csv");

    /// <summary>geometry.json: the Gram matrices of the class means and of the head at the last measurement.</summary>
    public string GeometryFile => System.IO.Path.Combine(Path, "geometry.json");

    /// <summary>tensorboard/: TensorBoard event files, when the spec asks for them.</summary>
    public string TensorBoardFolder => System.IO.Path.Combine(Path, "tensorboard");

    /// <summary>checkpoints/.</summary>
    public string CheckpointFolder => System.IO.Path.Combine(Path, "checkpoints");

    /// <summary>
    /// Makes a new run folder under <see cref="TrainSpec.Out"/> for a validated spec and writes its spec.json,
    /// with the spec <see cref="TrainSpec.Resolved"/>.
    /// Two runs started in the same second get -2, -3, ... after the name.
    /// </summary>
    public static RunFolder Create(TrainSpec spec, DateTime startedUtc)
    {
        spec = spec.Resolved();
        try
        {
            string path = Claim(spec.Out, spec.Name, startedUtc);
            var run = new RunFolder(System.IO.Path.GetFullPath(path), spec);
            DataFiles.WriteTextAtomically(run.SpecFile, TrainSpecJson.Write(spec, new Dictionary<string, JsonNode?> { ["versions"] = Versions() }));
            return run;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(spec.Out, $"cannot create the run folder: {e.Message}", e);
        }
    }

    /// <summary>
    /// Creates and returns a new folder <c>&lt;parent&gt;/&lt;yyyyMMdd-HHmmss&gt;-&lt;name&gt;</c> (local time), with -2, -3, ...
    /// after the name when one started in the same second already has it.
    /// </summary>
    /// <exception cref="IOException">The folder cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The parent cannot be written.</exception>
    public static string Claim(string parent, string name, DateTime startedUtc)
    {
        string stem = $"{startedUtc.ToLocalTime().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{name}";
        Directory.CreateDirectory(parent);
        string path = System.IO.Path.Combine(parent, stem);
        for (int i = 2; ; i++)
        {
            // CreateDirectory succeeds on an existing folder, so claim a name that did not exist.
            if (!Directory.Exists(path))
            {
                Directory.CreateDirectory(path);
                return path;
            }
            path = System.IO.Path.Combine(parent, $"{stem}-{i}");
        }
    }

    /// <summary>Opens an existing run, for resuming it or reporting on it; the spec is its spec.json.</summary>
    /// <exception cref="DataFileException">The folder is not a run (no spec.json) or its spec.json is malformed.</exception>
    public static RunFolder Open(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(full)) throw new DataFileException(path, "no such run folder");
        string specFile = System.IO.Path.Combine(full, "spec.json");
        if (!File.Exists(specFile)) throw new DataFileException(path, "not a run folder: it has no spec.json");
        return new RunFolder(full, TrainSpecJson.Read(specFile));
    }

    /// <summary>The same run with runtime settings that do not change its results replaced (threads, device).</summary>
    public RunFolder WithSpec(TrainSpec spec) => new(Path, spec);

    /// <summary>The versions of LowDim, TorchSharp and libtorch that run this process, as recorded in spec.json.</summary>
    public static JsonObject Versions() => new()
    {
        ["lowdim"] = typeof(RunFolder).Assembly.GetName().Version?.ToString(3),
        ["torchsharp"] = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString(3),
        ["libtorch"] = TorchSharp.torch.__version__,
        ["dotnet"] = Environment.Version.ToString(),
    };
}
