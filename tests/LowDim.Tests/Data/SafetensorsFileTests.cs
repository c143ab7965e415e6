using System.Buffers.Binary;
using System.Text;
using LowDim.Data;
using static TorchSharp.torch;

namespace LowDim.Tests.Data;

public sealed class SafetensorsFileTests
{
    private const string Mixed = "mixed.safetensors";
    private const string WithMetadata = "with_metadata.safetensors";

    public static TheoryData<string> Fixtures => [Mixed, WithMetadata];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void ReadsTheReferenceLayout(string name)
    {
        var expected = IoFixtures.Expected("safetensors", name);
        var tensors = SafetensorsFile.Read(IoFixtures.File(name));
        try
        {
            Assert.Equal(expected.EnumerateObject().Select(p => p.Name).Order(), tensors.Keys.Order());
            foreach (var entry in expected.EnumerateObject())
            {
                var tensor = tensors[entry.Name];
                Assert.Equal(entry.Value.GetProperty("dtype").GetString(), DtypeName(tensor.dtype));
                IoFixtures.AssertHolds(entry.Value, tensor);
            }
        }
        finally
        {
            foreach (var tensor in tensors.Values)
            {
                tensor.Dispose();
            }
        }
    }

    [Fact]
    public void ReadsOneTensor()
    {
        using var tensor = SafetensorsFile.ReadTensor(IoFixtures.File(Mixed), "brain");
        IoFixtures.AssertHolds(IoFixtures.Expected("safetensors", Mixed).GetProperty("brain"), tensor);
        Assert.Equal(ScalarType.BFloat16, tensor.dtype);
    }

    [Fact]
    public void WritesTheBytesOfTheReferenceLayout()
    {
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();
        string source = IoFixtures.File(Mixed);
        var reversed = SafetensorsFile.Read(source).OrderByDescending(t => t.Key, StringComparer.Ordinal).ToDictionary();
        SafetensorsFile.Write(folder.File(Mixed), reversed);
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(folder.File(Mixed)));
    }

    [Fact]
    public void RoundTripsEveryDtypeAndShape()
    {
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();
        var tensors = new Dictionary<string, Tensor>
        {
            ["layer1.0.conv1.weight"] = IoFixtures.Sample([4, 3, 3, 3], ScalarType.Float32),
            ["scalar"] = IoFixtures.Sample([], ScalarType.Float64),
            ["empty"] = IoFixtures.Sample([0, 5], ScalarType.Float32),
            ["half"] = IoFixtures.Sample([7], ScalarType.Float16),
            ["brain"] = IoFixtures.Sample([2, 3], ScalarType.BFloat16),
            ["labels"] = IoFixtures.Sample([9], ScalarType.Int64),
            ["counts"] = IoFixtures.Sample([2, 2], ScalarType.Int32),
            ["short"] = IoFixtures.Sample([3], ScalarType.Int16),
            ["tiny"] = IoFixtures.Sample([5], ScalarType.Int8),
            ["pixels"] = IoFixtures.Sample([2, 4, 4], ScalarType.Byte),
            ["mask"] = IoFixtures.Sample([6], ScalarType.Bool),
            ["transposed"] = arange(6, ScalarType.Float32).reshape(2, 3).t(),
            ["größe"] = ones(1),
        };
        SafetensorsFile.Write(folder.File("all.safetensors"), tensors);
        var read = SafetensorsFile.Read(folder.File("all.safetensors"));
        Assert.Equal(tensors.Keys.Order(), read.Keys.Order());
        foreach (var (name, tensor) in tensors)
        {
            IoFixtures.AssertSame(tensor, read[name]);
        }
        Assert.Equal(["all.safetensors"], folder.FileNames());
    }

    [Fact]
    public void WritesAnEmptyFile()
    {
        using var folder = new TempFolder();
        SafetensorsFile.Write(folder.File("none.safetensors"), new Dictionary<string, Tensor>());
        Assert.Empty(SafetensorsFile.Read(folder.File("none.safetensors")));
    }

    [Fact]
    public void WriteRefusesUnsupportedDtypesAndTheMetadataName()
    {
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();
        string path = folder.File("a.safetensors");
        var complex = Assert.Throws<ArgumentException>(() =>
            SafetensorsFile.Write(path, new Dictionary<string, Tensor> { ["z"] = ones(2, ScalarType.ComplexFloat32) }));
        Assert.Contains("tensor 'z' is complexfloat32", complex.Message);
        var reserved = Assert.Throws<ArgumentException>(() =>
            SafetensorsFile.Write(path, new Dictionary<string, Tensor> { ["__metadata__"] = ones(2) }));
        Assert.Contains("reserved", reserved.Message);
        Assert.Empty(folder.FileNames());
    }

    [Fact]
    public void MissingTensorListsTheNames()
    {
        string path = IoFixtures.File(WithMetadata);
        IoFixtures.AssertBadFile(path, "no tensor named 'bias'; the file has 'weight', 'pixels'",
            () => SafetensorsFile.ReadTensor(path, "bias"));
    }

    [Fact]
    public void MissingFile()
    {
        using var folder = new TempFolder();
        string path = folder.File("absent.safetensors");
        IoFixtures.AssertBadFile(path, "file not found", () => SafetensorsFile.Read(path));
    }

    [Fact]
    public void TooShort()
    {
        using var folder = new TempFolder();
        string path = folder.Write("bad.safetensors", [1, 2, 3]);
        IoFixtures.AssertBadFile(path, "shorter than the 8-byte header length", () => SafetensorsFile.Read(path));
    }

    [Fact]
    public void HeaderLengthBeyondTheFile()
    {
        using var folder = new TempFolder();
        string path = folder.Write("bad.safetensors", Encoding.ASCII.GetBytes("PK\x03\x04 this is a zip file, say"));
        IoFixtures.AssertBadFile(path, "not a safetensors file (header length", () => SafetensorsFile.Read(path));
    }

    [Theory]
    [InlineData("{\"a\": {\"dtype\": \"F32\"", "malformed header")]
    [InlineData("[1, 2]", "malformed header: the JSON is not an object")]
    [InlineData("{\"a\": 5}", "malformed header: tensor 'a': not an object")]
    [InlineData("{\"a\": {\"shape\": [1], \"data_offsets\": [0, 4]}}", "tensor 'a': no \"dtype\" string")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [-1], \"data_offsets\": [0, 4]}}", "tensor 'a': no \"shape\" array")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0]}}", "tensor 'a': no \"data_offsets\" pair")]
    [InlineData("{\"a\": {\"dtype\": \"U32\", \"shape\": [1], \"data_offsets\": [0, 4]}}", "tensor 'a' has unsupported dtype 'U32'; supported dtypes: I64, F64")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4, 8]}}", "tensor 'a': data_offsets [4, 8] lie outside the 4-byte data buffer")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 4]}}", "tensor 'a': data_offsets [0, 4] hold 4 bytes, but shape (2,) float32 needs 8")]
    [InlineData("{\"a\": {\"dtype\": \"U8\", \"shape\": [2], \"data_offsets\": [2, 4]}}", "tensor 'a': data_offsets [2, 4] start at byte 2, but the tensor before ends at 0")]
    [InlineData("{\"a\": {\"dtype\": \"U8\", \"shape\": [3], \"data_offsets\": [0, 3]}}", "1 bytes after the last tensor's data")]
    [InlineData("{\"a\": {\"dtype\": \"U8\", \"shape\": [2], \"data_offsets\": [0, 2]}, \"a\": {\"dtype\": \"U8\", \"shape\": [2], \"data_offsets\": [2, 4]}}", "'a' appears twice")]
    [InlineData("{\"__metadata__\": {\"epoch\": 3}, \"a\": {\"dtype\": \"F32\", \"shape\": [], \"data_offsets\": [0, 4]}}", "__metadata__ is not a map from strings to strings")]
    public void BadHeader(string json, string phrase)
    {
        using var folder = new TempFolder();
        string path = folder.Write("bad.safetensors", Safetensors(json, 4));
        IoFixtures.AssertBadFile(path, phrase, () => SafetensorsFile.Read(path));
    }

    [Fact]
    public void OverlappingTensors()
    {
        using var folder = new TempFolder();
        const string json = "{\"a\": {\"dtype\": \"U8\", \"shape\": [4], \"data_offsets\": [0, 4]}, " +
            "\"b\": {\"dtype\": \"U8\", \"shape\": [2], \"data_offsets\": [2, 4]}}";
        string path = folder.Write("bad.safetensors", Safetensors(json, 4));
        IoFixtures.AssertBadFile(path, "without gaps or overlaps", () => SafetensorsFile.ReadTensor(path, "a"));
    }

    private static string DtypeName(ScalarType dtype) => dtype switch
    {
        ScalarType.Float16 => "F16",
        ScalarType.BFloat16 => "BF16",
        ScalarType.Float32 => "F32",
        ScalarType.Float64 => "F64",
        ScalarType.Int8 => "I8",
        ScalarType.Int16 => "I16",
        ScalarType.Int32 => "I32",
        ScalarType.Int64 => "I64",
        ScalarType.Byte => "U8",
        ScalarType.Bool => "BOOL",
        _ => dtype.ToString(),
    };

    private static byte[] Safetensors(string json, int dataBytes)
    {
        byte[] header = Encoding.UTF8.GetBytes(json);
        var bytes = new byte[8 + header.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        return bytes;
    }
}
