using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace LowDim.Experiments;

/// <summary>
/// Reads, writes and overrides <see cref="TrainSpec"/>s as JSON with snake_case keys. Unknown keys are errors,
/// so a typo in a spec file or on the command line never passes silently.
/// </summary>
public static class TrainSpecJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Every key of a spec with its .NET property, in declaration order.</summary>
    public static IReadOnlyList<(string Key, PropertyInfo Property)> Keys { get; } =
        typeof(TrainSpec).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name), p))
            .ToArray();

    /// <summary>The command-line option of a spec key: <c>feature_dim</c> is <c>--feature-dim</c>.</summary>
    public static string OptionName(string key) => "--" + key.Replace('_', '-');

    /// <summary>Reads a spec file; keys it leaves out keep their defaults.</summary>
    /// <exception cref="DataFileException">The file is missing, is not JSON, or has an unknown key or a value of the wrong type.</exception>
    public static TrainSpec Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(path, $"cannot read: {e.Message}", e);
        }
        return Parse(text, path);
    }

    /// <summary>Parses a spec from JSON text; <paramref name="source"/> names it in errors.</summary>
    public static TrainSpec Parse(string json, string source)
    {
        try
        {
            var node = JsonNode.Parse(json);
            if (node is not JsonObject spec) throw new DataFileException(source, "a spec must be one JSON object");
            spec.Remove("versions");
            return spec.Deserialize<TrainSpec>(Options) ?? throw new DataFileException(source, "a spec must be one JSON object");
        }
        catch (JsonException e)
        {
            throw new DataFileException(source, OneLine(e.Message));
        }
    }

    /// <summary>The spec as an indented JSON object, with <paramref name="extra"/> members after its keys.</summary>
    public static string Write(TrainSpec spec, IReadOnlyDictionary<string, JsonNode?>? extra = null)
    {
        var node = JsonSerializer.SerializeToNode(spec, Options)!.AsObject();
        foreach (var (key, value) in extra ?? new Dictionary<string, JsonNode?>()) node[key] = value?.DeepClone();
        return node.ToJsonString(Options) + "\n";
    }

    /// <summary>
    /// Applies <c>key = value</c> overrides, each written as on the command line: numbers, true/false,
    /// comma-separated lists for list keys, <c>null</c> (or <c>none</c>) to clear an optional value.
    /// Keys may use - or _.
    /// </summary>
    /// <exception cref="InvalidInputException">An unknown key or a value that does not fit the key's type.</exception>
    public static TrainSpec Override(TrainSpec spec, IEnumerable<KeyValuePair<string, string>> overrides)
    {
        var node = JsonSerializer.SerializeToNode(spec, Options)!.AsObject();
        foreach (var (rawKey, value) in overrides)
        {
            string key = rawKey.TrimStart('-').Replace('-', '_');
            var property = Keys.FirstOrDefault(k => k.Key == key).Property
                ?? throw new InvalidInputException($"unknown spec key '{rawKey}'");
            bool nullable = new NullabilityInfoContext().Create(property).WriteState == NullabilityState.Nullable;
            node[key] = ParseValue(key, property.PropertyType, nullable, value);
        }
        try
        {
            return node.Deserialize<TrainSpec>(Options)!;
        }
        catch (JsonException e)
        {
            throw new InvalidInputException(OneLine(e.Message));
        }
    }

    private static JsonNode? ParseValue(string key, Type type, bool nullable, string text)
    {
        string option = OptionName(key);
        string trimmed = text.Trim();
        if (nullable && trimmed is "null" or "none") return null;
        var target = Nullable.GetUnderlyingType(type) ?? type;
        try
        {
            if (target == typeof(string)) return JsonValue.Create(text);
            if (target == typeof(bool))
            {
                return trimmed.ToLowerInvariant() switch
                {
                    "true" or "yes" or "1" => JsonValue.Create(true),
                    "false" or "no" or "0" => JsonValue.Create(false),
                    _ => throw new FormatException(),
                };
            }
            if (target == typeof(int)) return JsonValue.Create(int.Parse(trimmed, System.Globalization.CultureInfo.InvariantCulture));
            if (target == typeof(double)) return JsonValue.Create(ParseDouble(trimmed));
            if (target == typeof(int[]))
                return new JsonArray(Split(trimmed).Select(s => (JsonNode?)JsonValue.Create(int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))).ToArray());
            if (target == typeof(double[]))
                return new JsonArray(Split(trimmed).Select(s => (JsonNode?)JsonValue.Create(ParseDouble(s))).ToArray());
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new InvalidInputException($"{option}: '{text}' is not {Describe(target)}");
        }
        throw new InvalidOperationException($"spec key {key} has unsupported type {type}");
    }

    private static double ParseDouble(string text)
    {
        // Fractions such as 1/3 are allowed, so milestones read as they are written in papers.
        int slash = text.IndexOf('/');
        if (slash > 0) return ParseDouble(text[..slash]) / ParseDouble(text[(slash + 1)..]);
        double value = double.Parse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
        if (!double.IsFinite(value)) throw new FormatException();
        return value;
    }

    private static string[] Split(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } parts
            ? parts
            : throw new FormatException();

    private static string Describe(Type type) =>
        type == typeof(bool) ? "true or false"
        : type == typeof(int) ? "a whole number"
        : type == typeof(double) ? "a number"
        : type == typeof(int[]) ? "a comma-separated list of whole numbers"
        : "a comma-separated list of numbers";

    private static string OneLine(string message) =>
        string.Join(' ', message.Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
