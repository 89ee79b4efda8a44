using AngleSharp.Dom;
using PharmaRag.Core.Content;

namespace PharmaRag.Documents;

/// <summary>
/// HTML pages with AngleSharp: scripts, styles, navigation, and page chrome are dropped; h1-h6
/// are headings with section paths; paragraphs, list items and quotes are text; tables keep
/// their th/thead header rows and caption; images and figures keep alt text and figcaption.
/// </summary>
public sealed class HtmlParser : IDocumentParser
{
    private static readonly string[] Dropped =
        ["script", "style", "noscript", "template", "nav", "iframe", "svg", "form", "button", "[role=navigation]", "[aria-hidden=true]"];

    private static readonly HashSet<string> TextElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "P", "LI", "BLOCKQUOTE", "PRE", "DT", "DD", "ADDRESS",
    };

    public IReadOnlyCollection<string> MediaTypes { get; } = [Core.Documents.MediaTypes.Html];

    public async Task<ParsedDocument> ParseAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        var document = await parser.ParseDocumentAsync(content, cancellationToken);
        foreach (var element in document.QuerySelectorAll(string.Join(",", Dropped)).ToList())
        {
            element.Remove();
        }
        var blocks = new List<ContentBlock>();
        if (document.Body is { } body)
        {
            Walk(body, blocks, new SectionPath());
        }
        return new ParsedDocument(1, blocks, []);
    }

    private static void Walk(INode node, List<ContentBlock> blocks, SectionPath sections)
    {
        var loose = new List<string>();
        foreach (var child in node.ChildNodes)
        {
            if (child is not IElement element)
            {
                if (child.NodeType == NodeType.Text)
                {
                    loose.Add(child.TextContent);
                }
                continue;
            }
            if (IsInline(element))
            {
                loose.Add(element.TextContent);
                continue;
            }
            Flush(loose, blocks, sections);
            Read(element, blocks, sections);
        }
        Flush(loose, blocks, sections);
    }

    private static void Read(IElement element, List<ContentBlock> blocks, SectionPath sections)
    {
        var tag = element.TagName.ToUpperInvariant();
        var text = TextNormalizer.Collapse(element.TextContent);
        if (tag.Length == 2 && tag[0] == 'H' && char.IsDigit(tag[1]))
        {
            if (text.Length > 0)
            {
                var level = tag[1] - '0';
                blocks.Add(new ContentBlock { Page = 1, Text = text, HeadingLevel = level, Section = sections.Enter(level, text) });
            }
        }
        else if (tag == "TABLE")
        {
            ReadTable(element, blocks, sections);
        }
        else if (tag is "IMG" or "FIGURE")
        {
            var image = tag == "IMG" ? element : element.QuerySelector("img");
            var caption = TextNormalizer.Collapse(element.QuerySelector("figcaption")?.TextContent);
            var alt = TextNormalizer.Collapse(image?.GetAttribute("alt"));
            if (image is null && element.QuerySelector("table") is not null)
            {
                Walk(element, blocks, sections);
                return;
            }
            blocks.Add(new ContentBlock
            {
                Kind = BlockKind.Image, Page = 1, Text = string.Join(" ", new[] { caption, alt }.Where(s => s.Length > 0)),
                Caption = caption.Length > 0 ? caption : null, Description = alt.Length > 0 ? alt : null, Section = sections.Current,
            });
        }
        else if (TextElements.Contains(tag) && !element.Children.Any(c => !IsInline(c)))
        {
            if (text.Length > 0)
            {
                blocks.Add(new ContentBlock { Page = 1, Text = tag == "LI" ? "• " + text : text, Section = sections.Current });
            }
        }
        else
        {
            Walk(element, blocks, sections);
        }
    }

    private static void ReadTable(IElement table, List<ContentBlock> blocks, SectionPath sections)
    {
        var rows = table.QuerySelectorAll("tr").Where(r => r.Closest("table") == table).ToList();
        var grid = rows.Select(r => (IReadOnlyList<string>)r.Children.Where(c => c.TagName is "TD" or "TH")
            .SelectMany(c => new[] { TextNormalizer.Collapse(c.TextContent) }
                .Concat(Enumerable.Repeat("", Math.Max(0, (int.TryParse(c.GetAttribute("colspan"), out var span) ? Math.Min(span, 50) : 1) - 1))))
            .ToList()).ToList();
        var header = rows.TakeWhile(r => r.ParentElement?.TagName == "THEAD" || r.Children.All(c => c.TagName == "TH")).Count();
        var cells = TableRows.Rectangular(grid);
        if (cells.Length == 0)
        {
            return;
        }
        var caption = TextNormalizer.Collapse(table.QuerySelector("caption")?.TextContent);
        var content = new TableContent { Rows = cells, HeaderRows = Math.Min(Math.Max(header, 1), cells.Length), Caption = caption.Length > 0 ? caption : null };
        blocks.Add(new ContentBlock { Kind = BlockKind.Table, Page = 1, Text = content.ToMarkdown(), Table = content, Section = sections.Current });
    }

    private static bool IsInline(IElement element) => element.TagName.ToUpperInvariant() is
        "A" or "ABBR" or "B" or "BR" or "CITE" or "CODE" or "EM" or "I" or "MARK" or "Q" or "S" or "SMALL" or "SPAN"
        or "STRONG" or "SUB" or "SUP" or "TIME" or "U" or "VAR" or "LABEL" or "FONT";

    private static void Flush(List<string> loose, List<ContentBlock> blocks, SectionPath sections)
    {
        var text = TextNormalizer.Collapse(string.Join(" ", loose));
        loose.Clear();
        if (text.Length > 0)
        {
            blocks.Add(new ContentBlock { Page = 1, Text = text, Section = sections.Current });
        }
    }
}
