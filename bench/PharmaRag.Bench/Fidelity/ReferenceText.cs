using System.Text.RegularExpressions;

namespace PharmaRag.Bench.Fidelity;

/// <summary>One piece of a page's reference text that a reader could quote: a sentence, or a table row as its cells.</summary>
/// <param name="Cells">For a table row, its cells left to right; empty for a sentence.</param>
public sealed record ReferenceUnit(int Page, string Text, IReadOnlyList<string> Cells)
{
    public bool IsRow => Cells.Count > 0;
}

/// <summary>
/// Cuts poppler's text of a page into the units an expert copies into an answer: sentences of the
/// reading-order text (paragraphs joined across their line breaks) and the rows of the physical-layout
/// text that print two or more cells apart. Lines that repeat on three or more pages (running
/// headers and footers, page numbers) are no one's answer and are left out.
/// </summary>
public static partial class ReferenceText
{
    /// <summary>Units shorter than this, normalised, are left out: too short to tell text loss from chance.</summary>
    public const int MinimumLength = 40;

    public static IReadOnlyList<ReferenceUnit> Sentences(IReadOnlyList<string> readingOrderPages)
    {
        var running = RunningLines(readingOrderPages);
        var units = new List<ReferenceUnit>();
        for (var p = 0; p < readingOrderPages.Count; p++)
        {
            foreach (var block in Blocks(readingOrderPages[p], running))
            {
                foreach (var sentence in SentenceEnd().Split(block))
                {
                    var text = sentence.Trim().TrimStart('•', '-', '–', ' ');
                    if (Scoring.AnswerNormalizer.Normalize(text).Length >= MinimumLength)
                    {
                        units.Add(new ReferenceUnit(p + 1, text, []));
                    }
                }
            }
        }
        return units;
    }

    public static IReadOnlyList<ReferenceUnit> Rows(IReadOnlyList<string> layoutPages)
    {
        var running = RunningLines(layoutPages);
        var units = new List<ReferenceUnit>();
        for (var p = 0; p < layoutPages.Count; p++)
        {
            foreach (var line in layoutPages[p].Split('\n'))
            {
                if (running.Contains(Shape(line)))
                {
                    continue;
                }
                var cells = CellGap().Split(line.Trim()).Where(c => c.Length > 0).ToArray();
                var text = string.Join(" ", cells);
                if (cells.Length >= 2 && Scoring.AnswerNormalizer.Normalize(text).Length >= MinimumLength)
                {
                    units.Add(new ReferenceUnit(p + 1, text, cells));
                }
            }
        }
        return units;
    }

    // Paragraphs: runs of non-blank lines, joined by a space, or without one after a line-end hyphen
    // ("SARS-" + "CoV-2"), and without the running lines. A heading line ("12.3 Pharmacokinetics",
    // "WARNINGS AND PRECAUTIONS", "----- ADVERSE REACTIONS -----") is a block of its own: pdftotext
    // sets it on the line above its paragraph, and no reader quotes the two as one sentence.
    private static IEnumerable<string> Blocks(string page, HashSet<string> running)
    {
        var lines = new List<string>();
        foreach (var raw in page.Split('\n').Append(""))
        {
            var line = raw.Trim();
            var heading = IsHeading(line);
            if (line.Length > 0 && !heading && !running.Contains(Shape(line)))
            {
                lines.Add(line);
                continue;
            }
            if ((line.Length == 0 || heading) && lines.Count > 0)
            {
                yield return lines.Aggregate((a, b) => a.EndsWith('-') && a.Length > 1 && char.IsLetterOrDigit(a[^2]) ? a + b : a + " " + b);
                lines.Clear();
            }
            if (heading)
            {
                yield return Rule().Replace(line, " ").Trim();
            }
        }
    }

    private static bool IsHeading(string line) =>
        line.Length > 0 && (Rule().IsMatch(line)
            || (NumberedHeading().IsMatch(line) && line.Length <= 90 && !line.EndsWith('.'))
            || (line.Count(char.IsLetter) >= 4 && !line.Any(char.IsLower)));

    // A line's shape with digits folded, so "Page 4" and "Page 5" are one running line.
    private static string Shape(string line) => Digits().Replace(line.Trim(), "#");

    private static HashSet<string> RunningLines(IReadOnlyList<string> pages) => pages
        .SelectMany((page, i) => page.Split('\n').Select(Shape).Where(s => s.Length > 0).Distinct().Select(s => (s, i)))
        .GroupBy(x => x.s, StringComparer.Ordinal)
        .Where(g => g.Count() >= 3)
        .Select(g => g.Key)
        .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"(?<=[.!?][)\]]?)\s+(?=[A-Z(\[•])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\s{3,}")]
    private static partial Regex CellGap();

    [GeneratedRegex(@"-{5,}")]
    private static partial Regex Rule();

    [GeneratedRegex(@"^\d{1,2}(\.\d{1,2})*\s+[A-Z]")]
    private static partial Regex NumberedHeading();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
