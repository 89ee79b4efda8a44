using DocumentFormat.OpenXml.Packaging;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Content;

namespace PharmaRag.Documents.OpenXml;

/// <summary>Opens Office files, turning a corrupt or encrypted package into a parse failure with a reason.</summary>
internal static class OfficeFile
{
    public static async Task<T> OpenAsync<T>(Stream content, Func<Stream, T> open, string kind, LimitsOptions limits, CancellationToken cancellationToken)
        where T : DocumentFormat.OpenXml.Packaging.OpenXmlPackage
    {
        var bytes = await StreamBytes.ReadAllAsync(content, cancellationToken);
        OfficePackageGuard.Check(bytes, kind, limits, cancellationToken);
        try
        {
            return open(new MemoryStream(bytes, writable: false));
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or IOException or FileFormatException or ArgumentException)
        {
            var encrypted = bytes.Length > 8 && bytes[0] == 0xD0 && bytes[1] == 0xCF;
            throw new DocumentParseException(encrypted
                ? $"The {kind} file is encrypted or in the old binary format; save it unprotected as {kind}."
                : $"The {kind} file is damaged and cannot be read: it is not a valid Office package ({ex.GetType().Name}).", ex);
        }
    }

    /// <summary>A part whose XML is broken (cut short, not well formed): the file is damaged.</summary>
    public static DocumentParseException Damaged(string kind, System.Xml.XmlException error) =>
        new($"The {kind} file is damaged and cannot be read (broken XML at line {error.LineNumber}, position {error.LinePosition} of a part).", error);
}
