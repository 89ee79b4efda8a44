using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Content;
using PharmaRag.Documents.OpenXml;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;

namespace PharmaRag.Documents;

/// <summary>
/// PowerPoint decks, one page per slide: the slide title as a heading, text boxes as paragraphs,
/// tables, pictures with their alt text, and the speaker notes.
/// </summary>
public sealed class PptxParser(IOptions<LimitsOptions>? limits = null) : IDocumentParser
{
    public IReadOnlyCollection<string> MediaTypes { get; } = [Core.Documents.MediaTypes.Pptx];

    public async Task<ParsedDocument> ParseAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync(content, cancellationToken);
        }
        catch (System.Xml.XmlException ex)
        {
            throw OfficeFile.Damaged("PPTX", ex);
        }
    }

    private async Task<ParsedDocument> ReadAsync(Stream content, CancellationToken cancellationToken)
    {
        using var document = await OfficeFile.OpenAsync(content, s => PresentationDocument.Open(s, false), "PPTX", limits?.Value ?? LimitsOptions.Default, cancellationToken);
        var presentation = document.PresentationPart ?? throw new DocumentParseException("The PPTX file has no presentation.");
        var slideIds = presentation.Presentation?.SlideIdList?.Elements<P.SlideId>().ToList() ?? [];
        var blocks = new List<ContentBlock>();
        var sections = new SectionPath();
        for (var index = 0; index < slideIds.Count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (slideIds[index].RelationshipId?.Value is not { } id || presentation.GetPartById(id) is not SlidePart slide)
            {
                continue;
            }
            ReadSlide(slide, index + 1, blocks, sections);
        }
        return new ParsedDocument(Math.Max(1, slideIds.Count), blocks, []);
    }

    private static void ReadSlide(SlidePart slide, int page, List<ContentBlock> blocks, SectionPath sections)
    {
        var tree = slide.Slide?.CommonSlideData?.ShapeTree;
        if (tree is null)
        {
            return;
        }
        foreach (var shape in tree.Descendants<P.Shape>())
        {
            var paragraphs = shape.TextBody?.Elements<A.Paragraph>().Select(p => TextNormalizer.Collapse(p.InnerText)).Where(t => t.Length > 0).ToList() ?? [];
            if (paragraphs.Count == 0)
            {
                continue;
            }
            var placeholder = shape.NonVisualShapeProperties?.ApplicationNonVisualDrawingProperties?.GetFirstChild<P.PlaceholderShape>()?.Type?.Value;
            if (placeholder == P.PlaceholderValues.Title || placeholder == P.PlaceholderValues.CenteredTitle)
            {
                var title = string.Join(" ", paragraphs);
                blocks.Add(new ContentBlock { Page = page, Text = title, HeadingLevel = 1, Section = sections.Enter(1, title) });
                continue;
            }
            blocks.AddRange(paragraphs.Select(t => new ContentBlock { Page = page, Text = t, Section = sections.Current }));
        }
        foreach (var table in tree.Descendants<A.Table>())
        {
            var rows = TableRows.Rectangular(table.Elements<A.TableRow>()
                .Select(r => (IReadOnlyList<string>)r.Elements<A.TableCell>().Select(c => TextNormalizer.Collapse(c.InnerText)).ToList()));
            if (rows.Length > 0)
            {
                var content = new TableContent { Rows = rows, HeaderRows = rows.Length > 1 ? 1 : 0 };
                blocks.Add(new ContentBlock { Kind = BlockKind.Table, Page = page, Text = content.ToMarkdown(), Table = content, Section = sections.Current });
            }
        }
        foreach (var picture in tree.Descendants<P.Picture>())
        {
            var properties = picture.NonVisualPictureProperties?.NonVisualDrawingProperties;
            var alt = TextNormalizer.Collapse(properties?.Description?.Value ?? properties?.Title?.Value);
            blocks.Add(new ContentBlock
            {
                Kind = BlockKind.Image, Page = page, Text = alt, Description = alt.Length > 0 ? alt : null, Section = sections.Current,
            });
        }
        var notes = slide.NotesSlidePart?.NotesSlide?.CommonSlideData?.ShapeTree?.Descendants<P.Shape>()
            .Where(s => s.NonVisualShapeProperties?.ApplicationNonVisualDrawingProperties?.GetFirstChild<P.PlaceholderShape>()?.Type?.Value
                        is not { } type || type == P.PlaceholderValues.Body)
            .Select(s => TextNormalizer.Collapse(s.TextBody?.InnerText))
            .Where(t => t.Length > 0)
            .ToList() ?? [];
        if (notes.Count > 0)
        {
            blocks.Add(new ContentBlock { Page = page, Text = "Notes: " + string.Join(" ", notes), Section = sections.Current });
        }
    }
}
