using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Content;
using PharmaRag.Documents.OpenXml;

namespace PharmaRag.Documents;

/// <summary>
/// Excel workbooks: every sheet becomes one table (its name the caption, its first row the
/// header), on its own "page" numbered in sheet order. Formula cells give their cached values.
/// </summary>
public sealed class XlsxParser(IOptions<LimitsOptions>? limits = null) : IDocumentParser
{
    public IReadOnlyCollection<string> MediaTypes { get; } = [Core.Documents.MediaTypes.Xlsx];

    public async Task<ParsedDocument> ParseAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync(content, cancellationToken);
        }
        catch (System.Xml.XmlException ex)
        {
            throw OfficeFile.Damaged("XLSX", ex);
        }
    }

    private async Task<ParsedDocument> ReadAsync(Stream content, CancellationToken cancellationToken)
    {
        using var document = await OfficeFile.OpenAsync(content, s => SpreadsheetDocument.Open(s, false), "XLSX", limits?.Value ?? LimitsOptions.Default, cancellationToken);
        var workbook = document.WorkbookPart ?? throw new DocumentParseException("The XLSX file has no workbook.");
        var strings = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
        var sheets = workbook.Workbook?.Sheets?.Elements<Sheet>().ToList() ?? [];
        var blocks = new List<ContentBlock>();
        for (var index = 0; index < sheets.Count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sheet = sheets[index];
            if (sheet.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
            {
                continue;
            }
            var rows = TableRows.Rectangular(part.Worksheet?.Descendants<Row>().Select(r => ReadRow(r, strings)) ?? []);
            if (rows.Length == 0)
            {
                continue;
            }
            var table = new TableContent { Rows = rows, HeaderRows = rows.Length > 1 ? 1 : 0, Caption = sheet.Name?.Value };
            blocks.Add(new ContentBlock { Kind = BlockKind.Table, Page = index + 1, Text = table.ToMarkdown(), Table = table, Section = sheet.Name?.Value });
        }
        return new ParsedDocument(Math.Max(1, sheets.Count), blocks, []);
    }

    private static IReadOnlyList<string> ReadRow(Row row, string[] strings)
    {
        var cells = new List<string>();
        foreach (var cell in row.Elements<Cell>())
        {
            var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : cells.Count;
            while (cells.Count < column)
            {
                cells.Add("");
            }
            cells.Add(TextNormalizer.Collapse(Value(cell, strings)));
        }
        return cells;
    }

    private static string Value(Cell cell, string[] strings)
    {
        var raw = cell.CellValue?.Text ?? "";
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, out var i) && i >= 0 && i < strings.Length ? strings[i] : "";
        }
        if (type == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }
        if (type == CellValues.Boolean)
        {
            return raw == "1" ? "TRUE" : "FALSE";
        }
        return raw; // numbers, and the value Excel cached for a formula
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter))
        {
            index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        }
        return Math.Max(0, index - 1);
    }
}
