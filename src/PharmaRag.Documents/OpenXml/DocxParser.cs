using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Content;
using PharmaRag.Documents.OpenXml;
using A = DocumentFormat.OpenXml.Drawing;
using WordDrawing = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace PharmaRag.Documents;

/// <summary>
/// Word documents: headings from paragraph styles (Title, Heading 1-9) with section paths, list
/// items, tables with their header rows, images with their alt text, and "Caption" paragraphs
/// attached to the table or figure they follow. Page numbers come from page breaks.
/// </summary>
public sealed class DocxParser(IOptions<LimitsOptions>? limits = null) : IDocumentParser
{
    public IReadOnlyCollection<string> MediaTypes { get; } = [Core.Documents.MediaTypes.Docx];

    public async Task<ParsedDocument> ParseAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync(content, cancellationToken);
        }
        catch (System.Xml.XmlException ex)
        {
            throw OfficeFile.Damaged("DOCX", ex);
        }
    }

    private async Task<ParsedDocument> ReadAsync(Stream content, CancellationToken cancellationToken)
    {
        using var document = await OfficeFile.OpenAsync(content, s => WordprocessingDocument.Open(s, false), "DOCX", limits?.Value ?? LimitsOptions.Default, cancellationToken);
        var main = document.MainDocumentPart ?? throw new DocumentParseException("The DOCX file has no document body.");
        var body = main.Document?.Body ?? throw new DocumentParseException("The DOCX file has no document body.");
        var state = new State(main);
        foreach (var element in body.ChildElements)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (element)
            {
                case Paragraph paragraph:
                    ReadParagraph(paragraph, state);
                    break;
                case Table table:
                    ReadTable(table, state);
                    break;
            }
        }
        return new ParsedDocument(state.Page, state.Blocks, []);
    }

    private sealed class State(MainDocumentPart main)
    {
        public MainDocumentPart Main { get; } = main;
        public List<ContentBlock> Blocks { get; } = [];
        public SectionPath Sections { get; } = new();
        public int Page { get; set; } = 1;
    }

    private static void ReadParagraph(Paragraph paragraph, State state)
    {
        foreach (var drawing in paragraph.Descendants<Drawing>())
        {
            state.Blocks.Add(Image(drawing, state));
        }
        var text = TextNormalizer.Collapse(string.Concat(paragraph.Descendants().Select(e => e switch
        {
            Text t => t.Text,
            TabChar => " ",
            Break or CarriageReturn => " ",
            _ => "",
        })));
        var style = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "";
        if (text.Length > 0)
        {
            if (style.Equals("Caption", StringComparison.OrdinalIgnoreCase) && state.Blocks.Count > 0 && state.Blocks[^1].Kind != BlockKind.Text)
            {
                state.Blocks[^1] = WithCaption(state.Blocks[^1], text);
            }
            else if (HeadingLevel(style) is { } level)
            {
                state.Blocks.Add(new ContentBlock { Page = state.Page, Text = text, HeadingLevel = level, Section = state.Sections.Enter(level, text) });
            }
            else
            {
                var listItem = paragraph.ParagraphProperties?.NumberingProperties is not null;
                state.Blocks.Add(new ContentBlock { Page = state.Page, Text = listItem ? "• " + text : text, Section = state.Sections.Current });
            }
        }
        // A page break inside a paragraph starts the next page after it.
        state.Page += paragraph.Descendants<Break>().Count(b => b.Type?.Value == BreakValues.Page)
                      + paragraph.Descendants<LastRenderedPageBreak>().Count();
    }

    private static int? HeadingLevel(string style)
    {
        if (style.Equals("Title", StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }
        return style.StartsWith("Heading", StringComparison.OrdinalIgnoreCase) && int.TryParse(style[7..], out var level) && level is >= 1 and <= 9
            ? level
            : null;
    }

    private static void ReadTable(Table table, State state)
    {
        var rows = table.Elements<TableRow>().ToList();
        var cells = rows.Select(r => (IReadOnlyList<string>)r.Elements<TableCell>()
            .SelectMany(c => Enumerable.Repeat(TextNormalizer.Collapse(string.Join(" ", c.Descendants<Paragraph>().Select(p => p.InnerText))), 1)
                .Concat(Enumerable.Repeat("", Math.Max(0, (c.TableCellProperties?.GridSpan?.Val?.Value ?? 1) - 1))))
            .ToList()).ToList();
        var grid = TableRows.Rectangular(cells);
        if (grid.Length == 0)
        {
            return;
        }
        var marked = rows.TakeWhile(r => r.TableRowProperties?.GetFirstChild<TableHeader>() is not null).Count();
        var content = new TableContent { Rows = grid, HeaderRows = Math.Min(Math.Max(marked, 1), grid.Length) };
        state.Blocks.Add(new ContentBlock { Kind = BlockKind.Table, Page = state.Page, Text = content.ToMarkdown(), Table = content, Section = state.Sections.Current });
    }

    private static ContentBlock Image(Drawing drawing, State state)
    {
        var properties = drawing.Descendants<WordDrawing.DocProperties>().FirstOrDefault();
        var alt = TextNormalizer.Collapse(properties?.Description?.Value ?? properties?.Title?.Value);
        BlockImage? image = null;
        if (drawing.Descendants<A.Blip>().FirstOrDefault()?.Embed?.Value is { } id
            && state.Main.GetPartById(id) is ImagePart part)
        {
            using var stream = part.GetStream();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            image = new BlockImage(part.ContentType, copy.ToArray());
        }
        return new ContentBlock
        {
            Kind = BlockKind.Image,
            Page = state.Page,
            Text = alt,
            Description = alt.Length > 0 ? alt : null,
            Image = image,
            Section = state.Sections.Current,
        };
    }

    private static ContentBlock WithCaption(ContentBlock block, string caption) => block.Table is { } table
        ? block with { Table = table with { Caption = caption }, Text = (table with { Caption = caption }).ToMarkdown() }
        : block with { Caption = caption, Text = string.Join(" ", new[] { caption, block.Text }.Where(s => s.Length > 0)) };
}
