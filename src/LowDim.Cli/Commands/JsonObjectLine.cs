using System.Text.Json;

namespace LowDim.Cli.Commands;

/// <summary>Writes one JSON object as one line of text, the form every <c>--json</c> output takes.</summary>
internal static class JsonObjectLine
{
    /// <summary>The object that <paramref name="write"/> fills, as compact UTF-8 text.</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A number, or null where it is missing or not finite (JSON has no NaN or Infinity).</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter json, string name, double? value)
    {
        if (value is double v && double.IsFinite(v)) json.WriteNumber(name, v);
        else json.WriteNull(name);
    }
}
