namespace PharmaRag.Documents.Pdf;

/// <summary>
/// Groups lines into paragraphs: a line continues the paragraph directly above it when it is
/// close below, overlaps it horizontally (so the two columns of a page never mix), has the same
/// size, and does not switch between bold and regular or into an all-capitals heading.
/// </summary>
internal static class ParagraphBuilder
{
    public static List<LayoutItem> Build(IEnumerable<PdfLine> lines)
    {
        var paragraphs = new List<List<PdfLine>>();
        foreach (var line in lines.OrderByDescending(l => l.Baseline).ThenBy(l => l.Box.Left))
        {
            var host = paragraphs
                .Where(p => Continues(p[^1], line))
                .OrderByDescending(p => p[^1].Box.OverlapX(line.Box))
                .FirstOrDefault();
            if (host is null)
            {
                paragraphs.Add([line]);
            }
            else
            {
                host.Add(line);
            }
        }
        return paragraphs.Select(LayoutItem.Paragraph).ToList();
    }

    private static bool Continues(PdfLine above, PdfLine line)
    {
        var size = Math.Max(above.Size, line.Size);
        var drop = above.Baseline - line.Baseline;
        if (drop < 0.3 * size || drop > 1.6 * size)
        {
            return false;
        }
        if (Math.Abs(above.Size - line.Size) > 0.15 * size || above.Box.OverlapX(line.Box) <= 0)
        {
            return false;
        }
        if (above.Bold != line.Bold || IsCapsHeading(above) != IsCapsHeading(line))
        {
            return false;
        }
        return true;
    }

    /// <summary>A short line in capitals, such as "DOSAGE AND ADMINISTRATION".</summary>
    public static bool IsCapsHeading(PdfLine line)
    {
        var letters = line.Text.Where(char.IsLetter).ToArray();
        return letters.Length >= 4 && letters.All(char.IsUpper) && line.Words.Count <= 10;
    }
}
