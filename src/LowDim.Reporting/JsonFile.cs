using System.Text.Json;

namespace LowDim.Reporting;

/// <summary>Reads a JSON file of a run, with errors that name the file and the line.</summary>
internal static class JsonFile
{
    /// <summary>The file's top-level value, which must be an object.</summary>
    /// <exception cref="DataFileException">The file cannot be read, is not JSON, or holds no object.</exception>
    public static JsonElement ReadObject(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path),
                new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw new DataFileException(path, $"expected a JSON object, found {Describe(document.RootElement)}");
        }
        catch (JsonException e)
        {
            throw new DataFileException(path, $"line {e.LineNumber + 1}: not valid JSON ({FirstSentence(e.Message)})", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(path, $"cannot read: {e.Message}", e);
        }
    }

    /// <summary>A short description of a JSON value for an error message.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        _ => "null",
    };

    // System.Text.Json appends the path and position, which the line number already gives.
    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }
}
