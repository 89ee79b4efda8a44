using System.IO.Compression;
using System.Text;

namespace PharmaRag.Testing;

/// <summary>
/// Valid Office packages (DOCX, XLSX, PPTX) whose main part inflates to a chosen size: a few
/// megabytes on disk that a reader which trusts the package would blow up in memory.
/// </summary>
public static class OfficeBomb
{
    private const string Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string OfficeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";

    /// <summary>A package of <paramref name="kind"/> (docx, xlsx or pptx) whose main part holds about <paramref name="inflatedBytes"/> bytes of text.</summary>
    public static byte[] Build(string kind, long inflatedBytes)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            switch (kind)
            {
                case "docx":
                    Types(zip, "/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml");
                    Entry(zip, "_rels/.rels", Rels("rId1", OfficeDocument, "word/document.xml"));
                    Padded(zip, "word/document.xml",
                        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>",
                        "<w:p><w:r><w:t>Warfarin dose adjusted by INR in every patient of the study. </w:t></w:r></w:p>",
                        "</w:body></w:document>", inflatedBytes);
                    break;
                case "xlsx":
                    Types(zip, "/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                        ("/xl/worksheets/sheet1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"));
                    Entry(zip, "_rels/.rels", Rels("rId1", OfficeDocument, "xl/workbook.xml"));
                    Entry(zip, "xl/workbook.xml",
                        "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                        + "<sheets><sheet name=\"Doses\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
                    Entry(zip, "xl/_rels/workbook.xml.rels",
                        Rels("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", "worksheets/sheet1.xml"));
                    Padded(zip, "xl/worksheets/sheet1.xml",
                        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>",
                        "<row><c t=\"inlineStr\"><is><t>Warfarin 5 mg once daily</t></is></c></row>",
                        "</sheetData></worksheet>", inflatedBytes);
                    break;
                case "pptx":
                    Types(zip, "/ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
                        ("/ppt/slides/slide1.xml", "application/vnd.openxmlformats-officedocument.presentationml.slide+xml"));
                    Entry(zip, "_rels/.rels", Rels("rId1", OfficeDocument, "ppt/presentation.xml"));
                    Entry(zip, "ppt/presentation.xml",
                        "<p:presentation xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                        + "<p:sldIdLst><p:sldId id=\"256\" r:id=\"rId2\"/></p:sldIdLst></p:presentation>");
                    Entry(zip, "ppt/_rels/presentation.xml.rels",
                        Rels("rId2", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide", "slides/slide1.xml"));
                    Padded(zip, "ppt/slides/slide1.xml",
                        "<p:sld xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><p:cSld><p:spTree>",
                        "<p:sp><p:txBody><a:p><a:r><a:t>Warfarin dose adjusted by INR.</a:t></a:r></a:p></p:txBody></p:sp>",
                        "</p:spTree></p:cSld></p:sld>", inflatedBytes);
                    break;
                default:
                    throw new ArgumentException($"Unknown Office kind '{kind}'.", nameof(kind));
            }
        }
        return output.ToArray();
    }

    /// <summary>A package with <paramref name="entries"/> tiny entries besides a one-paragraph document.</summary>
    public static byte[] ManyEntries(int entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Types(zip, "/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml");
            Entry(zip, "_rels/.rels", Rels("rId1", OfficeDocument, "word/document.xml"));
            Entry(zip, "word/document.xml",
                "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Dose.</w:t></w:r></w:p></w:body></w:document>");
            for (var i = 0; i < entries; i++)
            {
                Entry(zip, $"customXml/item{i}.xml", "<a/>");
            }
        }
        return output.ToArray();
    }

    private static void Types(ZipArchive zip, string main, string mainType, params (string Part, string Type)[] others) =>
        Entry(zip, "[Content_Types].xml",
            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + $"<Override PartName=\"{main}\" ContentType=\"{mainType}\"/>"
            + string.Concat(others.Select(o => $"<Override PartName=\"{o.Part}\" ContentType=\"{o.Type}\"/>"))
            + "</Types>");

    private static string Rels(string id, string type, string target) =>
        $"<Relationships xmlns=\"{Relationships}\"><Relationship Id=\"{id}\" Type=\"{type}\" Target=\"{target}\"/></Relationships>";

    private static void Entry(ZipArchive zip, string name, string xml)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(Encoding.UTF8.GetBytes(xml));
    }

    private static void Padded(ZipArchive zip, string name, string head, string repeated, string tail, long inflatedBytes)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        stream.Write(Encoding.UTF8.GetBytes(head));
        var unit = Encoding.UTF8.GetBytes(repeated);
        var block = new byte[unit.Length * Math.Max(1, 1_048_576 / unit.Length)];
        for (var i = 0; i < block.Length; i += unit.Length)
        {
            unit.CopyTo(block, i);
        }
        for (long written = 0; written < inflatedBytes; written += block.Length)
        {
            stream.Write(block);
        }
        stream.Write(Encoding.UTF8.GetBytes(tail));
    }
}
