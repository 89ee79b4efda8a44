using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace PharmaRag.Bench.Scale;

/// <summary>
/// Reads a 2-D float32 array from a NumPy .npy file (format versions 1.0, 2.0 and 3.0): the magic
/// "\x93NUMPY", the version, the header length, a Python-literal header naming 'descr',
/// 'fortran_order' and 'shape', then the data in C order. Only little-endian float32 ('&lt;f4')
/// in C order is read; anything else is refused with the reason.
/// </summary>
public static partial class NpyMatrix
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>The rows of the array (a 1-D array is one row).</summary>
    public static float[][] Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    public static float[][] Read(Stream stream, string name)
    {
        var prefix = new byte[8];
        stream.ReadExactly(prefix);
        if (!prefix.AsSpan(0, 6).SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{name} is not a NumPy .npy file (no \\x93NUMPY magic).");
        }
        var major = prefix[6];
        int headerLength;
        if (major == 1)
        {
            var length = new byte[2];
            stream.ReadExactly(length);
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(length);
        }
        else if (major is 2 or 3)
        {
            var length = new byte[4];
            stream.ReadExactly(length);
            headerLength = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(length));
        }
        else
        {
            throw new InvalidDataException($"{name} is .npy format version {major}.{prefix[7]}; versions 1.0 to 3.0 are read.");
        }
        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        var header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(headerBytes);

        var descr = Descr().Match(header);
        if (!descr.Success || descr.Groups[1].Value != "<f4")
        {
            throw new InvalidDataException(
                $"{name} holds {(descr.Success ? descr.Groups[1].Value : "an unknown type")}; only little-endian float32 ('<f4') is read. Save it with array.astype('<f4').");
        }
        if (FortranOrder().Match(header) is { Success: true } order && order.Groups[1].Value == "True")
        {
            throw new InvalidDataException($"{name} is in Fortran order; save it with numpy.ascontiguousarray(array).");
        }
        var shape = Shape().Match(header);
        if (!shape.Success)
        {
            throw new InvalidDataException($"{name} has no shape in its header.");
        }
        var dims = shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(long.Parse).ToArray();
        var (rows, columns) = dims.Length switch
        {
            1 => (1L, dims[0]),
            2 => (dims[0], dims[1]),
            _ => throw new InvalidDataException($"{name} has {dims.Length} dimensions; a 2-D array (vectors x dimensions) is read."),
        };
        var result = new float[rows][];
        var buffer = new byte[columns * sizeof(float)];
        for (var r = 0; r < rows; r++)
        {
            try
            {
                stream.ReadExactly(buffer);
            }
            catch (EndOfStreamException)
            {
                throw new InvalidDataException($"{name} ends after {r} of its {rows} rows.");
            }
            var row = new float[columns];
            for (var c = 0; c < columns; c++)
            {
                row[c] = BinaryPrimitives.ReadSingleLittleEndian(buffer.AsSpan(c * sizeof(float)));
            }
            result[r] = row;
        }
        return result;
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex Descr();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranOrder();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex Shape();
}
