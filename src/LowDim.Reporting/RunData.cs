using System.Text.Json;
using LowDim.Experiments;

namespace LowDim.Reporting;

/// <summary>
/// A training run as it lies on disk (the contract of a run folder): the resolved spec, the measured metrics,
/// the training history and the geometry of the last measurement. A run can be read while it is still
/// training: the trainer rewrites every file atomically.
/// </summary>
public sealed class RunData
{
    private RunData(string folder, OrderedDictionary<string, JsonElement> spec, List<MeasurementRow> metrics,
        List<HistoryRow> history, RunGeometry? geometry)
    {
        Folder = folder;
        Spec = spec;
        Metrics = metrics;
        History = history;
        Geometry = geometry;
        string folderName = System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(folder));
        Name = SpecText("name") is { Length: > 0 } name ? name : folderName;
    }

    /// <summary>The run folder as it was given.</summary>
    public string Folder { get; }

    /// <summary>The run's name for titles and legends: the spec's <c>name</c>, else the folder's name.</summary>
    public string Name { get; }

    /// <summary>spec.json's keys and values in file order; empty when the run has no spec.json.</summary>
    public IReadOnlyDictionary<string, JsonElement> Spec { get; }

    /// <summary>metrics.csv's rows in file order (for one epoch and split: the layers in depth order, penultimate last).</summary>
    public IReadOnlyList<MeasurementRow> Metrics { get; }

    /// <summary>history.csv's rows in file order; empty when the run has no history.csv.</summary>
    public IReadOnlyList<HistoryRow> History { get; }

    /// <summary>geometry.json, or null when the run has none.</summary>
    public RunGeometry? Geometry { get; }

    /// <summary>The last epoch that has a penultimate-layer measurement, or null before the first measurement.</summary>
    public int? LastEpoch => Metrics.Where(row => row.IsPenultimate).Select(row => (int?)row.Epoch).Max();

    /// <summary>
    /// Reads the run in <paramref name="runDir"/>: metrics.csv (required), spec.json, history.csv and
    /// geometry.json (each optional).
    /// </summary>
    /// <exception cref="DataFileException">The folder is missing or holds no metrics.csv (it is not a run),
    /// or a file is malformed; the message names the file and, for a bad value, the line.</exception>
    public static RunData Load(string runDir)
    {
        if (!Directory.Exists(runDir)) throw new DataFileException(runDir, "folder not found");
        string metrics = System.IO.Path.Combine(runDir, "metrics.csv");
        if (!File.Exists(metrics)) throw new DataFileException(runDir, "not a run folder (it has no metrics.csv)");
        string spec = System.IO.Path.Combine(runDir, "spec.json");
        string history = System.IO.Path.Combine(runDir, "history.csv");
        string geometry = System.IO.Path.Combine(runDir, "geometry.json");
        return new RunData(
            runDir,
            File.Exists(spec) ? ReadSpec(spec) : [],
            MetricsCsv.Read(metrics),
            File.Exists(history) ? HistoryCsv.Read(history) : [],
            File.Exists(geometry) ? GeometryFile.Read(geometry) : null);
    }

    /// <summary>The penultimate-layer rows of <paramref name="split"/>, in file order (by epoch).</summary>
    public IReadOnlyList<MeasurementRow> Penultimate(string split) =>
        Metrics.Where(row => row.IsPenultimate && row.Split == split).ToList();

    /// <summary>The rows of one (epoch, split) in file order: the layers from the input side, penultimate last.</summary>
    public IReadOnlyList<MeasurementRow> Layers(int epoch, string split) =>
        Metrics.Where(row => row.Epoch == epoch && row.Split == split).ToList();

    /// <summary>A spec value as text (a string as it is, anything else as its JSON), or null when the spec lacks the key.</summary>
    public string? SpecText(string key) =>
        !Spec.TryGetValue(key, out var value) ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : value.GetRawText();

    private static OrderedDictionary<string, JsonElement> ReadSpec(string path)
    {
        var spec = new OrderedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in JsonFile.ReadObject(path).EnumerateObject()) spec[property.Name] = property.Value;
        return spec;
    }
}
