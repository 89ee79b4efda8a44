using System.Text.RegularExpressions;
using PharmaRag.Core.Content;

namespace PharmaRag.Documents.Pdf;

/// <summary>
/// Gives a table the caption printed at the foot of the page before it: a label often sets
/// "Table 10: Combined Patients with Isolated Elevated TG ..." (and perhaps a heading line of the
/// table) as the last lines of a page and the table itself at the top of the next. The caption
/// names what the table is about, so without it the table's rows say nothing of their population
/// or measure. The caption, the short lines after it and the short lines above the table (the
/// rest of a caption broken over the page, "at Week 24 Comparing ...") become the table's caption;
/// nothing is dropped.
/// </summary>
internal static partial class PageEndCaptions
{
    /// <summary>At most this many short lines may sit between the caption and the page end, or above the table.</summary>
    public const int MaxFragments = 3;

    /// <summary>A fragment of a caption or of a table's heading has at most this many words.</summary>
    public const int MaxFragmentWords = 30;

    public static void Attach(List<List<LayoutItem>> pages, Vocabulary vocabulary)
    {
        for (var p = 0; p + 1 < pages.Count; p++)
        {
            var page = pages[p];
            var captionAt = page.FindLastIndex(i => i.Kind == BlockKind.Text && i.Lines.Count is > 0 and <= 4 && CaptionLinker.IsTableCaption(i.PlainText));
            if (captionAt < 0 || page.Count - captionAt - 1 > MaxFragments || !page.Skip(captionAt + 1).All(IsFragment))
            {
                continue;
            }
            var next = pages[p + 1];
            var tableAt = next.FindIndex(i => i.Kind != BlockKind.Text || !IsFragment(i));
            if (tableAt < 0 || tableAt > MaxFragments || next[tableAt] is not { Kind: BlockKind.Table, Caption: null } table)
            {
                continue;
            }
            var parts = page.Skip(captionAt).Concat(next.Take(tableAt)).ToList();
            table.Caption = string.Join(' ', parts.Select(i => TextRenderer.Render(i, vocabulary).Trim()).Where(t => t.Length > 0));
            page.RemoveRange(captionAt, page.Count - captionAt);
            next.RemoveRange(0, tableAt);
        }
    }

    // A short line that is no sentence and no section heading (numbered, or in capitals): the rest
    // of a caption, or a heading of the table's columns set above its rules.
    private static bool IsFragment(LayoutItem item) =>
        item.Kind == BlockKind.Text && item.Lines.Count is > 0 and <= 3
        && item.PlainText.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= MaxFragmentWords
        && !item.PlainText.TrimEnd().EndsWith('.')
        && !NumberedHeading().IsMatch(item.PlainText)
        && !item.PlainText.Where(char.IsLetter).All(char.IsUpper);

    [GeneratedRegex(@"^\d+(\.\d+)*\s+\p{Lu}")]
    private static partial Regex NumberedHeading();
}
