using System.Text.Json;

namespace LowDim.Reporting;

/// <summary>Reads geometry.json (the run contract): the K×K Gram matrices of the last measured epoch.</summary>
internal static class GeometryFile
{
    /// <exception cref="DataFileException">The file is not JSON, or a field is missing or of the wrong shape.</exception>
    public static RunGeometry Read(string path)
    {
        var root = JsonFile.ReadObject(path);
        int epoch = Integer(path, root, "epoch");
        int classes = Integer(path, root, "classes");
        string split = root.TryGetProperty("split", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "";
        return new RunGeometry(epoch, split, classes, Matrix(path, root, "mean_gram", classes), Matrix(path, root, "weight_gram", classes));
    }

    private static int Integer(string path, JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) && n >= 1
            ? n
            : throw new DataFileException(path, $"'{name}' must be a positive integer");

    private static double[,]? Matrix(string path, JsonElement root, string name, int classes)
    {
        if (!root.TryGetProperty(name, out var rows) || rows.ValueKind == JsonValueKind.Null) return null;
        var problem = $"'{name}' must be a {classes}×{classes} array of numbers (classes = {classes})";
        if (rows.ValueKind != JsonValueKind.Array || rows.GetArrayLength() != classes) throw new DataFileException(path, problem);
        var matrix = new double[classes, classes];
        int i = 0;
        foreach (var row in rows.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() != classes) throw new DataFileException(path, problem);
            int j = 0;
            foreach (var cell in row.EnumerateArray())
            {
                matrix[i, j++] = cell.ValueKind == JsonValueKind.Number ? cell.GetDouble() : throw new DataFileException(path, problem);
            }
            i++;
        }
        return matrix;
    }
}
