using PharmaRag.Core.Content;

namespace PharmaRag.Documents.Pdf;

/// <summary>
/// Second pass, over the whole document: drops running headers and footers, finds borderless
/// tables, builds paragraphs, spots equations, orders each page for reading, attaches captions
/// and footnotes, joins tables continued across pages, assigns headings and section paths, and
/// emits the content list.
/// </summary>
internal static class PdfContentAssembler
{
    public static List<ContentBlock> Assemble(IReadOnlyList<PageLayout> pages)
    {
        RunningTextFilter.Mark(pages);
        var vocabulary = new Vocabulary();
        foreach (var line in pages.SelectMany(p => p.Lines))
        {
            vocabulary.Add(line.Text);
        }

        var ordered = pages.Select(page => LayOut(page, vocabulary)).ToList();
        PageEndCaptions.Attach(ordered, vocabulary);
        TableStitcher.Stitch(ordered);
        var all = ordered.SelectMany(p => p).ToList();
        SectionTracker.Assign(all, vocabulary);
        return all.Select(item => ToBlock(item, vocabulary)).ToList();
    }

    private static List<LayoutItem> LayOut(PageLayout page, Vocabulary vocabulary)
    {
        var lines = page.Lines.Where(l => !l.Running).ToList();
        if (lines.Count == 0 && page.Tables.Count == 0 && page.Images.Count == 0)
        {
            lines = page.Lines; // a page of only header and footer still has text
        }
        var tables = BorderlessTableDetector.Detect(lines, page.Width, page.HorizontalRules, vocabulary, out var remaining);
        tables.AddRange(StackedCellTableDetector.Detect(remaining, out remaining));
        var items = ParagraphBuilder.Build(remaining);
        foreach (var item in items.Where(EquationDetector.IsEquation))
        {
            item.Kind = BlockKind.Equation;
        }
        items.AddRange(page.Tables.Concat(tables).Select(t => new LayoutItem { Kind = BlockKind.Table, Box = t.Box, Table = t }));
        items.AddRange(page.Images);
        if (items.Count == 0 && page.RotatedText.Length > 0)
        {
            return [new LayoutItem { Kind = BlockKind.Text, Box = page.Box, Page = page.Number, RawText = page.RotatedText }];
        }
        var sorted = ReadingOrder.Sort(items);
        CaptionLinker.Link(sorted, vocabulary);
        foreach (var item in sorted)
        {
            item.Page = page.Number;
        }
        return sorted;
    }

    private static ContentBlock ToBlock(LayoutItem item, Vocabulary vocabulary)
    {
        var box = item.Box;
        var block = new ContentBlock
        {
            Kind = item.Kind,
            Page = item.Page,
            Box = box,
            Text = "",
            HeadingLevel = item.HeadingLevel,
            Section = item.Section,
        };
        switch (item.Kind)
        {
            case BlockKind.Table:
                var table = new TableContent
                {
                    Rows = item.Table!.Rows,
                    HeaderRows = item.Table.HeaderRows,
                    Caption = item.Caption,
                    Footnotes = item.Footnotes,
                    RowPages = item.RowPages,
                };
                return block with { Table = table, Text = table.ToMarkdown() };
            case BlockKind.Image:
                return block with { Caption = item.Caption, Image = item.Image, Text = item.Caption ?? "" };
            case BlockKind.Equation:
                var formula = TextRenderer.Render(item, vocabulary);
                return block with { Text = formula, Caption = item.Caption };
            default:
                return block with { Text = item.Lines.Count > 0 ? TextRenderer.Render(item, vocabulary) : item.RawText ?? "" };
        }
    }
}
