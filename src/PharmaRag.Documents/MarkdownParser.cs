using System.Text;
using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PharmaRag.Core.Content;
using MarkdownTable = Markdig.Extensions.Tables.Table;
using MarkdownTableCell = Markdig.Extensions.Tables.TableCell;
using MarkdownTableRow = Markdig.Extensions.Tables.TableRow;

namespace PharmaRag.Documents;

/// <summary>
/// Markdown with Markdig: headings with section paths, paragraphs, list items, pipe tables with
/// their header row, images with alt text, and $$ math blocks as equations.
/// </summary>
public sealed class MarkdownParser : IDocumentParser
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseMathematics().Build();

    public IReadOnlyCollection<string> MediaTypes { get; } = [Core.Documents.MediaTypes.Markdown];

    public async Task<ParsedDocument> ParseAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        var text = await PlainTextParser.ReadUtf8Async(content, cancellationToken);
        var document = Markdown.Parse(text, Pipeline);
        var blocks = new List<ContentBlock>();
        var sections = new SectionPath();
        foreach (var block in document.Descendants<Block>())
        {
            switch (block)
            {
                case HeadingBlock heading:
                    var title = Inline(heading.Inline);
                    blocks.Add(new ContentBlock { Page = 1, Text = title, HeadingLevel = heading.Level, Section = sections.Enter(heading.Level, title) });
                    break;
                case MathBlock math:
                    var formula = math.Lines.ToString().Trim();
                    blocks.Add(new ContentBlock { Kind = BlockKind.Equation, Page = 1, Text = formula, Latex = formula, Section = sections.Current });
                    break;
                case MarkdownTable table:
                    blocks.Add(Table(table, sections.Current));
                    break;
                case ParagraphBlock paragraph when paragraph.Parent is not MarkdownTableCell:
                    blocks.AddRange(Paragraph(paragraph, sections.Current));
                    break;
                case CodeBlock code when code is not MathBlock:
                    blocks.Add(new ContentBlock { Page = 1, Text = code.Lines.ToString().Trim(), Section = sections.Current });
                    break;
            }
        }
        return new ParsedDocument(1, blocks.Where(b => b.Text.Length > 0 || b.Kind != BlockKind.Text).ToList(), []);
    }

    private static IEnumerable<ContentBlock> Paragraph(ParagraphBlock paragraph, string? section)
    {
        foreach (var image in paragraph.Inline?.Descendants<LinkInline>().Where(l => l.IsImage) ?? [])
        {
            var alt = Inline(image);
            yield return new ContentBlock { Kind = BlockKind.Image, Page = 1, Text = alt, Description = alt.Length > 0 ? alt : null, Section = section };
        }
        var text = Inline(paragraph.Inline);
        var listItem = paragraph.Parent is ListItemBlock;
        yield return new ContentBlock { Page = 1, Text = listItem && text.Length > 0 ? "• " + text : text, Section = section };
    }

    private static ContentBlock Table(MarkdownTable table, string? section)
    {
        var rows = table.OfType<MarkdownTableRow>().ToList();
        var grid = TableRows.Rectangular(rows.Select(r => (IReadOnlyList<string>)r.OfType<MarkdownTableCell>()
            .Select(c => string.Join(" ", c.OfType<ParagraphBlock>().Select(p => Inline(p.Inline)))).ToList()));
        var content = new TableContent { Rows = grid, HeaderRows = Math.Min(rows.TakeWhile(r => r.IsHeader).Count(), grid.Length) };
        return new ContentBlock { Kind = BlockKind.Table, Page = 1, Text = content.ToMarkdown(), Table = content, Section = section };
    }

    private static string Inline(ContainerInline? container)
    {
        var text = new StringBuilder();
        Append(container, text);
        return TextNormalizer.Collapse(text.ToString());
    }

    private static void Append(ContainerInline? container, StringBuilder text)
    {
        for (var inline = container?.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case LinkInline { IsImage: true }:
                    break;
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case MathInline math:
                    text.Append(math.Content.ToString());
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
                case ContainerInline child:
                    Append(child, text);
                    break;
            }
        }
    }
}
