using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Content;

namespace PharmaRag.Documents.OpenXml;

/// <summary>
/// Refuses an Office package (a zip) that would inflate past <see cref="LimitsOptions.MaxPackageBytes"/>
/// or holds more than <see cref="LimitsOptions.MaxPackageEntries"/> entries, before the Open XML SDK
/// reads a part into memory: first from what the package declares (entry count in its end record,
/// sizes in its directory), then by inflating every entry into nothing with a counting cap. The zip
/// reader cuts every entry at its declared size, so a package that understates its sizes is read
/// short (and fails as damaged), never past the limit.
/// </summary>
internal static class OfficePackageGuard
{
    private const uint EndOfCentralDirectory = 0x06054b50;

    public static void Check(byte[] package, string kind, LimitsOptions limits, CancellationToken cancellationToken)
    {
        if (DeclaredEntries(package) is { } declaredEntries && declaredEntries > limits.MaxPackageEntries)
        {
            throw TooMany(kind, declaredEntries, limits);
        }
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(new MemoryStream(package, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            return; // not a zip: the Open XML SDK says why (damaged, encrypted, old binary format)
        }
        using (zip)
        {
            var entries = zip.Entries;
            if (entries.Count > limits.MaxPackageEntries)
            {
                throw TooMany(kind, entries.Count, limits);
            }
            var declared = entries.Sum(e => e.Length);
            if (declared > limits.MaxPackageBytes)
            {
                throw TooLarge($"The {kind} package declares {declared} bytes when inflated", limits);
            }
            Inflate(entries, kind, limits, cancellationToken);
        }
    }

    private static void Inflate(IReadOnlyCollection<ZipArchiveEntry> entries, string kind, LimitsOptions limits, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            long total = 0;
            foreach (var entry in entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var stream = OpenEntry(entry, kind);
                int read;
                while ((read = ReadEntry(stream, buffer, kind)) > 0)
                {
                    total += read;
                    if (total > limits.MaxPackageBytes)
                    {
                        throw TooLarge($"The {kind} package inflates to more than {limits.MaxPackageBytes} bytes", limits);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static Stream OpenEntry(ZipArchiveEntry entry, string kind)
    {
        try
        {
            return entry.Open();
        }
        catch (InvalidDataException ex)
        {
            throw new DocumentParseException($"The {kind} file is damaged and cannot be read (an entry cannot be opened).", ex);
        }
    }

    private static int ReadEntry(Stream stream, byte[] buffer, string kind)
    {
        try
        {
            return stream.Read(buffer, 0, buffer.Length);
        }
        catch (InvalidDataException ex)
        {
            throw new DocumentParseException($"The {kind} file is damaged and cannot be read (an entry does not inflate).", ex);
        }
    }

    /// <summary>The entry count from the zip's end record, read without parsing the directory; null when absent or zip64.</summary>
    private static int? DeclaredEntries(byte[] package)
    {
        // The end record is 22 bytes plus a comment of at most 65535 bytes, at the end of the file.
        for (var at = package.Length - 22; at >= Math.Max(0, package.Length - 22 - ushort.MaxValue); at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(package.AsSpan(at)) == EndOfCentralDirectory)
            {
                var total = BinaryPrimitives.ReadUInt16LittleEndian(package.AsSpan(at + 10));
                return total == ushort.MaxValue ? null : total;
            }
        }
        return null;
    }

    private static DocumentParseException TooMany(string kind, int entries, LimitsOptions limits) =>
        new(LimitsOptions.Exceeded(nameof(LimitsOptions.MaxPackageEntries), limits.MaxPackageEntries,
            $"The {kind} package has {entries} entries"));

    private static DocumentParseException TooLarge(string found, LimitsOptions limits) =>
        new(LimitsOptions.Exceeded(nameof(LimitsOptions.MaxPackageBytes), limits.MaxPackageBytes, found));
}
