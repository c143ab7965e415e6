using System.Text.Json;

namespace LowDim.Data;

/// <summary>Parsing the header's JSON and checking it against the file.</summary>
internal static partial class SafetensorsHeader
{
    private static List<SafetensorsEntry> Parse(string path, byte[] json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new DataFileException(path, $"malformed header: {e.Message}", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new DataFileException(path, "malformed header: the JSON is not an object");
            }
            var entries = new List<SafetensorsEntry>();
            var names = new HashSet<string>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!names.Add(property.Name))
                {
                    throw new DataFileException(path, $"malformed header: '{property.Name}' appears twice");
                }
                if (property.Name == MetadataKey)
                {
                    CheckMetadata(path, property.Value);
                }
                else
                {
                    entries.Add(ParseEntry(path, property.Name, property.Value));
                }
            }
            return entries;
        }
    }

    private static void CheckMetadata(string path, JsonElement metadata)
    {
        if (metadata.ValueKind != JsonValueKind.Object
            || metadata.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
        {
            throw new DataFileException(path, $"malformed header: {MetadataKey} is not a map from strings to strings");
        }
    }

    private static SafetensorsEntry ParseEntry(string path, string name, JsonElement entry)
    {
        DataFileException Malformed(string problem) => new(path, $"malformed header: tensor '{name}': {problem}");

        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw Malformed("not an object");
        }
        if (!entry.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
        {
            throw Malformed("no \"dtype\" string");
        }
        string dtypeName = dtypeElement.GetString()!;
        int known = Array.FindIndex(Dtypes, d => d.Name == dtypeName);
        if (known < 0)
        {
            throw new DataFileException(path, $"tensor '{name}' has unsupported dtype '{dtypeName}'; supported dtypes: {Supported}");
        }
        long[] shape = Integers(entry, "shape") ?? throw Malformed("no \"shape\" array of non-negative integers");
        long[] offsets = Integers(entry, "data_offsets") is [_, _] pair
            ? pair
            : throw Malformed("no \"data_offsets\" pair of non-negative integers");
        return new SafetensorsEntry(name, Dtypes[known].Dtype, shape, offsets[0], offsets[1]);
    }

    private static long[]? Integers(JsonElement entry, string key)
    {
        if (!entry.TryGetProperty(key, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        var values = new long[array.GetArrayLength()];
        int i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out values[i]) || values[i] < 0)
            {
                return null;
            }
            i++;
        }
        return values;
    }

    // The reference implementation requires the tensors to tile the buffer exactly: in order, no gaps, no overlaps.
    private static void CheckLayout(string path, List<SafetensorsEntry> entries, long bufferLength)
    {
        long end = 0;
        foreach (var entry in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            string offsets = $"data_offsets [{entry.Begin}, {entry.End}]";
            if (entry.End < entry.Begin || entry.End > bufferLength)
            {
                throw new DataFileException(path,
                    $"tensor '{entry.Name}': {offsets} lie outside the {bufferLength}-byte data buffer");
            }
            long needed;
            try
            {
                needed = TensorText.ByteCount(entry.Shape, entry.Dtype);
            }
            catch (OverflowException e)
            {
                throw new DataFileException(path, $"tensor '{entry.Name}': the shape's size does not fit in 64 bits", e);
            }
            if (entry.End - entry.Begin != needed)
            {
                throw new DataFileException(path,
                    $"tensor '{entry.Name}': {offsets} hold {entry.End - entry.Begin} bytes, but shape " +
                    $"{TensorText.Shape(entry.Shape)} {TensorText.Dtype(entry.Dtype)} needs {needed}");
            }
            if (entry.Begin != end)
            {
                throw new DataFileException(path,
                    $"tensor '{entry.Name}': {offsets} start at byte {entry.Begin}, but the tensor before ends at " +
                    $"{end} (tensors must fill the data buffer without gaps or overlaps)");
            }
            end = entry.End;
        }
        if (end != bufferLength)
        {
            throw new DataFileException(path, $"{bufferLength - end} bytes after the last tensor's data");
        }
    }
}
