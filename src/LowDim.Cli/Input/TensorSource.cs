using LowDim.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Cli.Input;

/// <summary>
/// A tensor named on the command line: <c>FILE.npy</c>, or <c>FILE.safetensors[:NAME]</c> where
/// NAME may be left out when the file holds one tensor.
/// </summary>
internal sealed record TensorSource(string Path, string? Name)
{
    public static TensorSource Parse(string text)
    {
        int colon = text.LastIndexOf(':');
        if (colon > 0 && text[..colon].EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase))
            return new TensorSource(text[..colon], text[(colon + 1)..]);
        return new TensorSource(text, null);
    }

    public bool IsCsv => Path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the tensor; <paramref name="what"/> names it in errors (features, labels, ...).</summary>
    public Tensor Read(string what)
    {
        if (!File.Exists(Path)) throw new DataFileException(Path, $"no such file (given as the {what})");
        if (Path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
        {
            if (Name is not null) throw new DataFileException(Path, $".npy files hold one array; drop ':{Name}'");
            return NpyFile.Read(Path);
        }
        if (Path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase))
        {
            if (Name is not null) return SafetensorsFile.ReadTensor(Path, Name);
            var all = SafetensorsFile.Read(Path);
            if (all.Count == 1) return all.Values.Single();
            foreach (var tensor in all.Values) tensor.Dispose();
            throw new DataFileException(Path, $"holds {all.Count} tensors; name the {what} as {Path}:NAME, one of: {string.Join(", ", all.Keys)}");
        }
        throw new DataFileException(Path, $"unsupported file type for the {what}: use .npy, .safetensors{(what == "features" ? " or .csv" : "")}");
    }
}
