namespace PharmaRag.Documents.Pdf;

/// <summary>The text of the words in one table cell, line by line.</summary>
internal static class CellText
{
    public static string Join(IEnumerable<PdfWord> words)
    {
        var lines = new List<List<PdfWord>>();
        foreach (var word in words.OrderByDescending(w => w.Baseline).ThenBy(w => w.Box.Left))
        {
            if (lines.Count > 0 && Math.Abs(lines[^1][0].Baseline - word.Baseline) <= 0.4 * word.Size)
            {
                lines[^1].Add(word);
            }
            else
            {
                lines.Add([word]);
            }
        }
        return Hyphenation.JoinLines(lines.Select(l => string.Join(' ', l.OrderBy(w => w.Box.Left).Select(w => w.Text))), null);
    }
}
