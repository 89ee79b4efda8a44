using System.Text.RegularExpressions;
using PharmaRag.Core.Content;

namespace PharmaRag.Documents.Pdf;

/// <summary>
/// Attaches captions and footnotes to the tables and figures of a page: "Table 3: ..." just
/// above (or below) a table, "Figure 2. ..." just below (or above) a figure, and the notes set
/// directly under a table (starting with *, †, a superscript letter, "Note", "Abbreviations", or
/// printed smaller than the table), and a list of the table's abbreviations of any length.
/// Attached text leaves the reading flow.
/// </summary>
internal static partial class CaptionLinker
{
    public static void Link(List<LayoutItem> items, Vocabulary vocabulary)
    {
        foreach (var target in items.Where(i => i.Kind is BlockKind.Table or BlockKind.Image).ToList())
        {
            var table = target.Kind == BlockKind.Table;
            var caption = FindCaption(items, target, table ? TableCaption() : FigureCaption(), preferAbove: table);
            if (caption is not null)
            {
                target.Caption = TextRenderer.Render(caption, vocabulary);
                items.Remove(caption);
                if (TitleBeside(items, caption) is { } title)
                {
                    target.Caption += " " + TextRenderer.Render(title, vocabulary);
                    items.Remove(title);
                }
            }
            if (table)
            {
                AttachFootnotes(items, target, vocabulary);
            }
        }
    }

    private static LayoutItem? FindCaption(List<LayoutItem> items, LayoutItem target, Regex pattern, bool preferAbove)
    {
        var size = Math.Max(target.Size, 8);
        return items
            .Where(i => i.Kind == BlockKind.Text && i.Lines.Count <= 4 && pattern.IsMatch(i.PlainText) && i.Box.OverlapX(target.Box) > 0)
            .Select(i => (Item: i, Above: i.Box.Bottom - target.Box.Top, Below: target.Box.Bottom - i.Box.Top))
            .Select(c => (c.Item, Distance: c.Above >= -2 ? c.Above + (preferAbove ? 0 : 1) : c.Below >= -2 ? c.Below + (preferAbove ? 1 : 0) : double.MaxValue))
            .Where(c => c.Distance <= 4 * size)
            .OrderBy(c => c.Distance)
            .Select(c => c.Item)
            .FirstOrDefault();
    }

    // A caption whose label ("Table 5") is set apart from its title by a tab is two items on one
    // line: the title is the text that starts on the label's baseline, to its right.
    private static LayoutItem? TitleBeside(List<LayoutItem> items, LayoutItem caption)
    {
        if (caption.Lines.Count != 1 || !LabelOnly().IsMatch(caption.PlainText))
        {
            return null;
        }
        var line = caption.Lines[0];
        var size = Math.Max(line.Size, 6);
        return items
            .Where(i => i.Kind == BlockKind.Text && i.Lines.Count is > 0 and <= 4 && i.Box.Left >= line.Box.Right - 1
                        && i.Box.Left - line.Box.Right <= 12 * size && Math.Abs(i.Lines[0].Baseline - line.Baseline) <= 0.3 * size)
            .OrderBy(i => i.Box.Left)
            .FirstOrDefault();
    }

    private static void AttachFootnotes(List<LayoutItem> items, LayoutItem table, Vocabulary vocabulary)
    {
        var bottom = table.Box.Bottom;
        for (var n = 0; n < 6; n++)
        {
            var note = items
                .Where(i => i.Kind == BlockKind.Text && i.Box.Top <= bottom + 2 && bottom - i.Box.Top <= 2.5 * Math.Max(i.Size, 6)
                            && i.Box.OverlapX(table.Box) > 0 && i.Box.Left >= table.Box.Left - 10)
                .OrderByDescending(i => i.Box.Top)
                .FirstOrDefault();
            if (note is null || note.Lines.All(l => l.Bold))
            {
                return;
            }
            // A glossary of the table's abbreviations ("SCLC, small cell lung cancer; mPFS, ...")
            // is its footnote however long it runs and at whatever size it is printed.
            var glossary = note.Lines.Count <= MaxGlossaryLines && AbbreviationList.IsList(note.PlainText);
            if (!glossary && (!(Footnote().IsMatch(note.PlainText) || note.Size < table.Size - 0.4) || note.Lines.Count > 8))
            {
                return;
            }
            table.Footnotes.Add(TextRenderer.Render(note, vocabulary));
            items.Remove(note);
            bottom = note.Box.Bottom;
        }
    }

    /// <summary>A list of abbreviations under a table is its footnote when it takes at most this many lines.</summary>
    public const int MaxGlossaryLines = 40;

    /// <summary>True when <paramref name="text"/> starts like a table's caption ("Table 3 ...").</summary>
    public static bool IsTableCaption(string text) => TableCaption().IsMatch(text);

    // "Table 3", "Table A1", and a protocol's own numbering ("Table LZZT.1.", "Table IGBJ.2.").
    [GeneratedRegex(@"^Table\s+(?:[A-Z]?\d+|[A-Z]{2,6}[.-]\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex TableCaption();

    // A caption that is only its label: "Table 5", "Figure 2.", "Table LZZT.1:".
    [GeneratedRegex(@"^(?:Table|Figure|Fig\.?)\s*(?:[A-Z]?\d+|[A-Z]{2,6}[.-]\d+)[.:]?$", RegexOptions.IgnoreCase)]
    private static partial Regex LabelOnly();

    [GeneratedRegex(@"^(Figure|Fig\.?)\s*[A-Z]?\d+", RegexOptions.IgnoreCase)]
    private static partial Regex FigureCaption();

    [GeneratedRegex(@"^([*†‡§¶#]|[a-z]\s|\d\s|Note|Abbreviation|Source|Key:|N\s*=|n\s*=|%\s*=)")]
    private static partial Regex Footnote();
}
