using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using PharmaRag.Core.Content;
using W = DocumentFormat.OpenXml.Wordprocessing;
using S = DocumentFormat.OpenXml.Spreadsheet;
using P = DocumentFormat.OpenXml.Presentation;
using A = DocumentFormat.OpenXml.Drawing;

namespace PharmaRag.Documents.Tests;

public sealed class OfficeParserTests
{
    [Fact]
    public async Task Docx_headings_paragraphs_and_tables_come_out_with_sections()
    {
        var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new W.Document(new W.Body(
                Para("2 DOSAGE AND ADMINISTRATION", "Heading1"),
                Para("2.4 Dosage in Renal Impairment", "Heading2"),
                Para("Reduce the dose when CrCl is below 30 mL/min.", null),
                new W.Table(Row("CrCl", "Dose"), Row("< 30", "250 mg")),
                Para("Table 1: Renal dosing", "Caption")));
        }
        var parsed = await new DocxParser().ParseAsync(new MemoryStream(stream.ToArray()), "a.docx", CancellationToken.None);

        Assert.Equal(2, parsed.Blocks.Single(b => b.Text == "2.4 Dosage in Renal Impairment").HeadingLevel);
        var body = parsed.Blocks.Single(b => b.Text.StartsWith("Reduce"));
        Assert.Equal("2 DOSAGE AND ADMINISTRATION > 2.4 Dosage in Renal Impairment", body.Section);
        var table = parsed.Blocks.Single(b => b.Kind == BlockKind.Table).Table!;
        Assert.Equal([["CrCl", "Dose"], ["< 30", "250 mg"]], table.Rows);
        Assert.Equal("Table 1: Renal dosing", table.Caption);
    }

    [Fact]
    public async Task Xlsx_sheets_become_tables_with_cached_formula_values()
    {
        var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new S.Workbook();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            sheet.Worksheet = new S.Worksheet(new S.SheetData(
                new S.Row(Cell("A1", "Drug"), Cell("B1", "Dose mg")),
                new S.Row(Cell("A2", "Amoxicillin"), new S.Cell { CellReference = "B2", CellFormula = new S.CellFormula("250*2"), CellValue = new S.CellValue("500") })));
            workbook.Workbook.AppendChild(new S.Sheets(new S.Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "Doses" }));
        }
        var parsed = await new XlsxParser().ParseAsync(new MemoryStream(stream.ToArray()), "a.xlsx", CancellationToken.None);

        var block = Assert.Single(parsed.Blocks);
        Assert.Equal([["Drug", "Dose mg"], ["Amoxicillin", "500"]], block.Table!.Rows);
        Assert.Equal("Doses", block.Table.Caption);
        Assert.Equal(1, block.Table.HeaderRows);
    }

    [Fact]
    public async Task Pptx_titles_text_tables_and_notes_are_read_per_slide()
    {
        var stream = new MemoryStream();
        using (var doc = PresentationDocument.Create(stream, PresentationDocumentType.Presentation))
        {
            var presentation = doc.AddPresentationPart();
            presentation.Presentation = new P.Presentation();
            var slide = presentation.AddNewPart<SlidePart>();
            slide.Slide = new P.Slide(new P.CommonSlideData(new P.ShapeTree(
                Shape("Efficacy results", P.PlaceholderValues.Title),
                Shape("LDL-C fell by 39% at 10 mg.", null),
                new P.GraphicFrame(new A.Graphic(new A.GraphicData(new A.Table(
                    new A.TableRow(TableCell("Dose"), TableCell("LDL-C")),
                    new A.TableRow(TableCell("10 mg"), TableCell("-39%")))))))));
            var notes = slide.AddNewPart<NotesSlidePart>();
            notes.NotesSlide = new P.NotesSlide(new P.CommonSlideData(new P.ShapeTree(Shape("Mention the TNT trial.", null))));
            presentation.Presentation.SlideIdList = new P.SlideIdList(new P.SlideId { Id = 256, RelationshipId = presentation.GetIdOfPart(slide) });
        }
        var parsed = await new PptxParser().ParseAsync(new MemoryStream(stream.ToArray()), "a.pptx", CancellationToken.None);

        Assert.Equal(1, parsed.Blocks.Single(b => b.Text == "Efficacy results").HeadingLevel);
        Assert.Contains(parsed.Blocks, b => b.Text == "LDL-C fell by 39% at 10 mg." && b.Section == "Efficacy results");
        Assert.Equal([["Dose", "LDL-C"], ["10 mg", "-39%"]], parsed.Blocks.Single(b => b.Kind == BlockKind.Table).Table!.Rows);
        Assert.Contains(parsed.Blocks, b => b.Text == "Notes: Mention the TNT trial.");
    }

    [Fact]
    public async Task A_damaged_office_file_fails_with_a_reason()
    {
        var error = await Assert.ThrowsAsync<DocumentParseException>(() =>
            new DocxParser().ParseAsync(new MemoryStream("PK not really a zip"u8.ToArray()), "a.docx", CancellationToken.None));
        Assert.Contains("DOCX", error.Message);
    }

    private static W.Paragraph Para(string text, string? style)
    {
        var paragraph = new W.Paragraph(new W.Run(new W.Text(text)));
        if (style is not null)
        {
            paragraph.PrependChild(new W.ParagraphProperties(new W.ParagraphStyleId { Val = style }));
        }
        return paragraph;
    }

    private static W.TableRow Row(params string[] cells) =>
        new(cells.Select(c => new W.TableCell(new W.Paragraph(new W.Run(new W.Text(c))))));

    private static S.Cell Cell(string reference, string text) =>
        new() { CellReference = reference, DataType = S.CellValues.InlineString, InlineString = new S.InlineString(new S.Text(text)) };

    private static P.Shape Shape(string text, P.PlaceholderValues? placeholder)
    {
        var application = new P.ApplicationNonVisualDrawingProperties();
        if (placeholder is { } type)
        {
            application.AppendChild(new P.PlaceholderShape { Type = type });
        }
        return new P.Shape(
            new P.NonVisualShapeProperties(new P.NonVisualDrawingProperties { Id = 2, Name = "s" }, new P.NonVisualShapeDrawingProperties(), application),
            new P.ShapeProperties(),
            new P.TextBody(new A.BodyProperties(), new A.Paragraph(new A.Run(new A.Text(text)))));
    }

    private static A.TableCell TableCell(string text) =>
        new(new A.TextBody(new A.BodyProperties(), new A.Paragraph(new A.Run(new A.Text(text)))));
}
