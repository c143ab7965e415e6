using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LowDim.Data;
using LowDim.Models;
using static TorchSharp.torch;

namespace LowDim.Training;

/// <summary>
/// A run's checkpoints: after each epoch, <c>checkpoints/epoch-NNNN/</c> holds the model's state_dict as
/// safetensors (PyTorch's names, so <c>safetensors.torch.load_file</c> reads it) and the optimizer's state;
/// <c>checkpoints/latest.json</c> names the newest complete one. The folder is written under a temporary
/// name and renamed, then latest.json is replaced, then older checkpoints are removed: a process killed at
/// any point leaves latest.json naming a whole checkpoint.
/// </summary>
public static class Checkpoints
{
    private const string Latest = "latest.json";

    /// <summary>Saves the state after <paramref name="epoch"/> and makes it the latest.</summary>
    public static void Save(string folder, int epoch, Classifier model, optim.Optimizer optimizer)
    {
        Directory.CreateDirectory(folder);
        string name = $"epoch-{epoch.ToString("D4", CultureInfo.InvariantCulture)}";
        string final = Path.Combine(folder, name);
        string temporary = Path.Combine(folder, $".{name}.tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temporary);
        try
        {
            using (var scope = NewDisposeScope())
            {
                var state = model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().cpu());
                SafetensorsFile.Write(Path.Combine(temporary, "model.safetensors"), state);
            }
            Optimizers.SaveState(optimizer, Path.Combine(temporary, "optimizer.bin"));
            if (Directory.Exists(final)) Directory.Delete(final, recursive: true);
            Directory.Move(temporary, final);
        }
        finally
        {
            if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        }
        DataFiles.WriteTextAtomically(Path.Combine(folder, Latest), new JsonObject { ["epoch"] = epoch, ["folder"] = name }.ToJsonString() + "\n");
        foreach (string old in Directory.GetDirectories(folder))
        {
            string oldName = Path.GetFileName(old);
            if (oldName != name && (oldName.StartsWith("epoch-", StringComparison.Ordinal) || oldName.StartsWith(".epoch-", StringComparison.Ordinal)))
                Directory.Delete(old, recursive: true);
        }
    }

    /// <summary>The epoch of the latest complete checkpoint in <paramref name="folder"/>, or null when there is none.</summary>
    /// <exception cref="DataFileException">latest.json is malformed or names a checkpoint that is not there.</exception>
    public static int? LatestEpoch(string folder) => ReadLatest(folder)?.Epoch;

    /// <summary>
    /// Loads the latest checkpoint into <paramref name="model"/> and <paramref name="optimizer"/>; returns its
    /// epoch, or null (and changes nothing) when the folder has no checkpoint.
    /// </summary>
    /// <exception cref="DataFileException">The checkpoint does not fit the model, or latest.json is malformed.</exception>
    public static int? Load(string folder, Classifier model, optim.Optimizer optimizer)
    {
        if (ReadLatest(folder) is not { } latest) return null;
        var (epoch, path) = latest;
        string modelFile = Path.Combine(path, "model.safetensors");
        var state = SafetensorsFile.Read(modelFile);
        try
        {
            var (missing, unexpected) = model.load_state_dict(new Dictionary<string, Tensor>(state), strict: false);
            if (missing.Count > 0 || unexpected.Count > 0)
                throw new DataFileException(modelFile, $"does not fit the model: missing {string.Join(", ", missing)}; unexpected {string.Join(", ", unexpected)}");
        }
        finally
        {
            foreach (var tensor in state.Values) tensor.Dispose();
        }
        Optimizers.LoadState(optimizer, Path.Combine(path, "optimizer.bin"));
        return epoch;
    }

    private static (int Epoch, string Path)? ReadLatest(string folder)
    {
        string latest = Path.Combine(folder, Latest);
        if (!File.Exists(latest)) return null;
        try
        {
            var node = JsonNode.Parse(File.ReadAllText(latest))!.AsObject();
            int epoch = node["epoch"]!.GetValue<int>();
            string path = Path.Combine(folder, node["folder"]!.GetValue<string>());
            if (!Directory.Exists(path)) throw new DataFileException(latest, $"names {path}, which is not there");
            return (epoch, path);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            throw new DataFileException(latest, "is not a checkpoint index");
        }
    }
}
