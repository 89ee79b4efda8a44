using System.Buffers.Binary;
using System.Text;

namespace PharmaRag.Documents.Tests;

/// <summary>Rewrites the uncompressed size a zip records for one entry, as a hostile package would.</summary>
internal static class ZipSizes
{
    public static void Understate(byte[] zip, string entry, uint declared)
    {
        var name = Encoding.ASCII.GetBytes(entry);
        var patched = 0;
        for (var at = 0; at < zip.Length - 46; at++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(at));
            // Local file header: size at 22, name length at 26, name at 30. Central directory: size at 24, name length at 28, name at 46.
            if (signature == 0x04034b50 && NameAt(zip, at + 30, BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 26)), name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(at + 22), declared);
                patched++;
            }
            else if (signature == 0x02014b50 && NameAt(zip, at + 46, BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 28)), name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(at + 24), declared);
                patched++;
            }
        }
        if (patched != 2)
        {
            throw new InvalidOperationException($"Expected a local and a central header for {entry}, patched {patched}.");
        }
    }

    private static bool NameAt(byte[] zip, int at, int length, byte[] name) =>
        length == name.Length && at + length <= zip.Length && zip.AsSpan(at, length).SequenceEqual(name);
}
