using PharmaRag.Core.Content;

namespace PharmaRag.Documents.Pdf;

/// <summary>
/// Joins a table that continues on the next page: the last item of a page is a table and the
/// first item of the next page is a table with the same number of columns and no caption of
/// its own (or one saying "continued"). A repeated header on the new page is dropped.
/// </summary>
internal static class TableStitcher
{
    public static void Stitch(List<List<LayoutItem>> pages)
    {
        LayoutItem? carry = null; // a joined table that filled a whole page may continue again
        for (var p = 0; p + 1 < pages.Count; p++)
        {
            var head = carry ?? (pages[p].Count > 0 && pages[p][^1].Kind == BlockKind.Table ? pages[p][^1] : null);
            carry = null;
            if (head is null || pages[p + 1].FirstOrDefault() is not { Kind: BlockKind.Table } tail
                || tail.Table!.Rows[0].Length != head.Table!.Rows[0].Length
                || (tail.Caption is { } caption && !caption.Contains("contin", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }
            Append(head, tail);
            pages[p + 1].RemoveAt(0);
            if (pages[p + 1].Count == 0)
            {
                carry = head;
            }
        }
    }

    private static void Append(LayoutItem head, LayoutItem tail)
    {
        var headTable = head.Table!;
        var tailTable = tail.Table!;
        var skip = headTable.HeaderRows > 0 && tailTable.Rows.Length > headTable.HeaderRows
            && Enumerable.Range(0, headTable.HeaderRows).All(r => Same(headTable.Rows[r], tailTable.Rows[r]))
            ? headTable.HeaderRows
            : 0;
        if (head.RowPages.Count == 0)
        {
            head.RowPages = Enumerable.Repeat(head.Page, headTable.Rows.Length).ToList();
        }
        head.RowPages.AddRange(Enumerable.Repeat(tail.Page, tailTable.Rows.Length - skip));
        head.Table = headTable with { Rows = [.. headTable.Rows, .. tailTable.Rows.Skip(skip)] };
        head.Footnotes.AddRange(tail.Footnotes);
    }

    private static bool Same(string[] a, string[] b) =>
        a.Length == b.Length && a.Zip(b).All(p => string.Equals(Normalize(p.First), Normalize(p.Second), StringComparison.OrdinalIgnoreCase));

    private static string Normalize(string s) => string.Join(' ', s.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
