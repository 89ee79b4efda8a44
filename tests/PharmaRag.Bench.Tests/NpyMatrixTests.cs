using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using PharmaRag.Bench.Scale;
using PharmaRag.Testing;

namespace PharmaRag.Bench.Tests;

/// <summary>The .npy reader against a header built by hand from the format spec and against files NumPy wrote.</summary>
public sealed class NpyMatrixTests
{
    [Fact]
    public void A_hand_built_version_1_file_reads_row_by_row()
    {
        var bytes = Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", [1.5f, -2f, 3f, 0.25f, 5f, -6.5f]);

        var rows = NpyMatrix.Read(new MemoryStream(bytes), "hand.npy");

        Assert.Equal([[1.5f, -2f, 3f], [0.25f, 5f, -6.5f]], rows);
    }

    [Theory]
    [InlineData("(1, 0)")]
    [InlineData("(2, 0)")]
    [InlineData("(3, 0)")]
    public async Task Arrays_numpy_wrote_read_back_exactly(string version)
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "vectors.npy");
        await PythonAsync(
            $"import numpy as np; from numpy.lib import format as f; a = (np.arange(12, dtype=np.float32).reshape(4, 3) * 0.25 - 1.5).astype('<f4'); " +
            $"fh = open(r'{path}', 'wb'); f.write_array(fh, a, version={version}); fh.close()");

        var rows = NpyMatrix.Read(path);

        Assert.Equal(4, rows.Length);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => i * 0.25f - 1.5f).ToArray(), rows.SelectMany(r => r).ToArray());
    }

    [Fact]
    public async Task Float64_and_fortran_order_are_refused_with_the_fix()
    {
        using var directory = new TempDirectory();
        var doubles = Path.Combine(directory.Path, "doubles.npy");
        var fortran = Path.Combine(directory.Path, "fortran.npy");
        await PythonAsync($"import numpy as np; np.save(r'{doubles}', np.ones((2, 2))); np.save(r'{fortran}', np.asfortranarray(np.ones((2, 3), dtype=np.float32)))");

        Assert.Contains("astype('<f4')", Assert.Throws<InvalidDataException>(() => NpyMatrix.Read(doubles)).Message);
        Assert.Contains("Fortran order", Assert.Throws<InvalidDataException>(() => NpyMatrix.Read(fortran)).Message);
        var truncated = Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }", [1f, 2f]);
        Assert.Contains("ends after 1 of its 3 rows", Assert.Throws<InvalidDataException>(() => NpyMatrix.Read(new MemoryStream(truncated), "t.npy")).Message);
    }

    // Magic, version 1.0, little-endian header length, header padded with spaces to 64 bytes and ended by a newline, then the data.
    private static byte[] Npy(string header, float[] values)
    {
        var padded = header.PadRight(64 - 10 - 1) + "\n";
        var bytes = new List<byte> { 0x93 };
        bytes.AddRange("NUMPY"u8.ToArray());
        bytes.AddRange([1, 0]);
        var length = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)padded.Length);
        bytes.AddRange(length);
        bytes.AddRange(Encoding.ASCII.GetBytes(padded));
        foreach (var value in values)
        {
            var data = new byte[4];
            BinaryPrimitives.WriteSingleLittleEndian(data, value);
            bytes.AddRange(data);
        }
        return bytes.ToArray();
    }

    // Debian's python3-numpy (installed with python3-onnx, which CI installs) lives with the system interpreter.
    private static async Task PythonAsync(string code)
    {
        var start = new ProcessStartInfo(File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3", ["-c", code])
        {
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"python3 with numpy could not write the test array (install python3-numpy): {error}");
    }
}
