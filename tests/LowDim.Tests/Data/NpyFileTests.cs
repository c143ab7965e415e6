using System.Text;
using LowDim.Data;
using static TorchSharp.torch;

namespace LowDim.Tests.Data;

public sealed class NpyFileTests
{
    private const string Float32File = "f4_2x3.npy";

    public static TheoryData<string> SavedByNumpy =>
    [
        Float32File, "f8_4.npy", "f2_3.npy", "i1_3.npy", "i2_2x2.npy", "i4_2x3x4.npy", "i8_3.npy", "u1_5.npy",
        "b1_2x2.npy", "f8_scalar.npy", "f4_0x3.npy",
    ];

    public static TheoryData<string> AllVersions => [.. SavedByNumpy, "f4_3x2_v2.npy", "f4_3x2_v3.npy"];

    public static TheoryData<ScalarType, long[]> DtypesAndShapes()
    {
        var data = new TheoryData<ScalarType, long[]>();
        ScalarType[] dtypes =
        [
            ScalarType.Float16, ScalarType.Float32, ScalarType.Float64, ScalarType.Int8, ScalarType.Int16,
            ScalarType.Int32, ScalarType.Int64, ScalarType.Byte, ScalarType.Bool,
        ];
        long[][] shapes = [[], [0], [7], [0, 3], [3, 0], [2, 3, 4], [1, 2, 1, 3, 1]];
        foreach (var dtype in dtypes)
        {
            foreach (long[] shape in shapes)
            {
                data.Add(dtype, shape);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllVersions))]
    public void ReadsWhatNumpySaved(string name)
    {
        using var tensor = NpyFile.Read(IoFixtures.File(name));
        var expected = IoFixtures.Expected("npy", name);
        Assert.Equal(expected.GetProperty("dtype").GetString(), TensorText.Dtype(tensor.dtype));
        Assert.Equal(TorchSharp.DeviceType.CPU, tensor.device_type);
        IoFixtures.AssertHolds(expected, tensor);
    }

    [Theory]
    [MemberData(nameof(SavedByNumpy))]
    public void WritesTheBytesThatNumpyWrites(string name)
    {
        using var folder = new TempFolder();
        using var tensor = NpyFile.Read(IoFixtures.File(name));
        NpyFile.Write(folder.File(name), tensor);
        Assert.Equal(File.ReadAllBytes(IoFixtures.File(name)), File.ReadAllBytes(folder.File(name)));
    }

    [Theory]
    [MemberData(nameof(DtypesAndShapes))]
    public void RoundTrips(ScalarType dtype, long[] shape)
    {
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();
        var tensor = IoFixtures.Sample(shape, dtype);
        NpyFile.Write(folder.File("a.npy"), tensor);
        IoFixtures.AssertSame(tensor, NpyFile.Read(folder.File("a.npy")));
    }

    [Fact]
    public void RoundTripsTensorsLargerThanOneSlice()
    {
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();
        var tensor = arange(9_000_003, ScalarType.Float64).reshape(3, -1);
        NpyFile.Write(folder.File("big.npy"), tensor);
        IoFixtures.AssertSame(tensor, NpyFile.Read(folder.File("big.npy")));
    }

    [Fact]
    public void WritesNonContiguousTensorsInCOrder()
    {
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();
        var transposed = arange(6, ScalarType.Int32).reshape(2, 3).t();
        NpyFile.Write(folder.File("t.npy"), transposed);
        IoFixtures.AssertSame(transposed, NpyFile.Read(folder.File("t.npy")));
        Assert.False(transposed.is_contiguous());
    }

    [Fact]
    public void WritesTheMostDimensionsNumpyAllowsAndRefusesMore()
    {
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();
        var most = ones(Enumerable.Repeat(1L, NpyHeader.MaxDimensions).ToArray(), ScalarType.Int16);
        NpyFile.Write(folder.File("most.npy"), most);
        IoFixtures.AssertSame(most, NpyFile.Read(folder.File("most.npy")));
        var e = Assert.Throws<ArgumentException>(() => NpyFile.Write(folder.File("more.npy"), most.unsqueeze(0)));
        Assert.Contains("65 dimensions", e.Message);
    }

    [Fact]
    public void WriteReplacesAnExistingFileAndLeavesNoTemporaryFile()
    {
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();
        string path = folder.File("a.npy");
        NpyFile.Write(path, ones(5));
        NpyFile.Write(path, zeros(2, 2, ScalarType.Int64));
        IoFixtures.AssertSame(zeros(2, 2, ScalarType.Int64), NpyFile.Read(path));
        Assert.Equal(["a.npy"], folder.FileNames());
    }

    [Fact]
    public void FailedWriteLeavesNoTemporaryFile()
    {
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();
        string path = folder.File("taken.npy");
        Directory.CreateDirectory(path);
        IoFixtures.AssertBadFile(path, "cannot write", () => NpyFile.Write(path, ones(5)));
        Assert.Empty(folder.FileNames());
    }

    [Fact]
    public void WriteIntoAMissingFolderFails()
    {
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "absent", "a.npy");
        IoFixtures.AssertBadFile(path, "cannot write", () => NpyFile.Write(path, ones(5)));
    }

    [Fact]
    public void WriteRefusesDtypesThatNumpyLacks()
    {
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();
        var e = Assert.Throws<ArgumentException>(() => NpyFile.Write(folder.File("a.npy"), ones(3, ScalarType.BFloat16)));
        Assert.Contains("bfloat16", e.Message);
        Assert.Empty(folder.FileNames());
    }

    [Fact]
    public void MissingFile()
    {
        using var folder = new TempFolder();
        string path = folder.File("absent.npy");
        IoFixtures.AssertBadFile(path, "file not found", () => NpyFile.Read(path));
    }

    [Fact]
    public void NotAnNpyFile()
    {
        using var folder = new TempFolder();
        string path = folder.File("text.npy");
        File.WriteAllText(path, "x,y\n1,2\n");
        IoFixtures.AssertBadFile(path, "not an .npy file", () => NpyFile.Read(path));
    }

    [Fact]
    public void UnsupportedVersion()
    {
        using var folder = new TempFolder();
        byte[] bytes = File.ReadAllBytes(IoFixtures.File(Float32File));
        bytes[6] = 4;
        string path = folder.Write("bad.npy", bytes);
        IoFixtures.AssertBadFile(path, "unsupported .npy format version 4.0", () => NpyFile.Read(path));
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2 3), }", "expected ',' or ')'")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), ", "unexpected end")]
    [InlineData("['descr', '<f4']", "the header is not a dict")]
    [InlineData("{'descr': '<f4', 'shape': (6,), }", "no 'fortran_order' entry")]
    [InlineData("{'descr': '<f4', 'fortran_order': 0, 'shape': (6,), }", "'fortran_order' is not True or False")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (-6,), }", "'shape' is not a tuple of non-negative integers")]
    public void MalformedHeader(string header, string phrase)
    {
        using var folder = new TempFolder();
        string path = folder.Write("bad.npy", Npy(header, new byte[24]));
        var e = IoFixtures.AssertBadFile(path, "malformed header", () => NpyFile.Read(path));
        Assert.Contains(phrase, e.Message);
    }

    [Fact]
    public void ReadsPython2IntegersInTheShape()
    {
        using var folder = new TempFolder();
        string path = folder.Write("bad.npy", Npy("{'descr': '<i2', 'fortran_order': False, 'shape': (2L, 3L), }", new byte[12]));
        using var tensor = NpyFile.Read(path);
        Assert.Equal([2L, 3L], tensor.shape);
    }

    [Theory]
    [InlineData("u4_2.npy", "unsupported dtype '<u4'; supported dtypes: f2 (float16), f4 (float32)")]
    [InlineData("structured.npy", "structured arrays are not supported")]
    [InlineData("fortran_f4_2x3.npy", "Fortran-order arrays are not supported; save with np.save(path, np.ascontiguousarray(a))")]
    [InlineData("bigendian_f4_3.npy", "big-endian dtype '>f4' is not supported")]
    public void RefusesArraysItCannotLoad(string name, string phrase)
    {
        string path = IoFixtures.File(name);
        IoFixtures.AssertBadFile(path, phrase, () => NpyFile.Read(path));
    }

    [Fact]
    public void TruncatedData()
    {
        using var folder = new TempFolder();
        byte[] bytes = File.ReadAllBytes(IoFixtures.File(Float32File));
        string path = folder.Write("bad.npy", bytes[..^4]);
        IoFixtures.AssertBadFile(path, "expected 24 bytes of data for shape (2, 3) float32, found 20", () => NpyFile.Read(path));
    }

    [Fact]
    public void TruncatedHeader()
    {
        using var folder = new TempFolder();
        byte[] bytes = File.ReadAllBytes(IoFixtures.File(Float32File));
        string path = folder.Write("bad.npy", bytes[..40]);
        IoFixtures.AssertBadFile(path, "the file ends inside the header", () => NpyFile.Read(path));
    }

    [Fact]
    public void BytesAfterTheData()
    {
        using var folder = new TempFolder();
        byte[] bytes = File.ReadAllBytes(IoFixtures.File(Float32File));
        string path = folder.Write("bad.npy", [.. bytes, 1, 2, 3]);
        IoFixtures.AssertBadFile(path, "3 bytes more than shape (2, 3) float32 needs (24 bytes of data)", () => NpyFile.Read(path));
    }

    private static byte[] Npy(string header, byte[] data)
    {
        byte[] text = Encoding.ASCII.GetBytes(header + "\n");
        byte[] prefix = [0x93, .. "NUMPY"u8, 1, 0, (byte)text.Length, (byte)(text.Length >> 8)];
        return [.. prefix, .. text, .. data];
    }
}
