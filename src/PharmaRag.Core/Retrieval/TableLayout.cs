using System.Text.RegularExpressions;

namespace PharmaRag.Core.Retrieval;

/// <summary>
/// How the rendered table in a chunk reads, so that a row is read as its reader would: with every
/// header row above it, including the ones printed just below the "| --- |" line (a second header
/// line: the column names under a group heading, or the arm sizes "(N=607)"), and with its label
/// when the label cell is empty (a label merged over several rows is printed on one of them, and
/// belongs to the rows nearest it). Abbreviations the chunk defines ("RR=Relative risk") are kept
/// so a heading can be read in full.
/// </summary>
public sealed partial class TableLayout
{
    /// <summary>Rows right below the separator that are still headers: at most this many.</summary>
    public const int MaxHeaderRowsBelowSeparator = 2;

    private readonly HashSet<int> _headerRows;
    private readonly Dictionary<int, string> _labels;
    private HashSet<int> _statingRows = [];

    private TableLayout(IReadOnlyList<string[]> headers, HashSet<int> headerRows, Dictionary<int, string> labels, IReadOnlyDictionary<string, string> abbreviations, string? caption, int columns = 0)
    {
        Columns = columns;
        Headers = headers;
        _headerRows = headerRows;
        _labels = labels;
        Abbreviations = abbreviations;
        Caption = caption;
    }

    /// <summary>The table's title printed above it ("Table 5 Summary of Adverse Reaction Rates ... in ACTT-1"), when the chunk holds it.</summary>
    public string? Caption { get; }

    /// <summary>This layout, also knowing the abbreviations <paramref name="defined"/> elsewhere in its document (a footnote in the next chunk).</summary>
    public TableLayout With(IReadOnlyDictionary<string, string> defined)
    {
        var merged = new Dictionary<string, string>(defined, StringComparer.Ordinal);
        foreach (var (abbreviation, meaning) in Abbreviations)
        {
            merged[abbreviation] = meaning;
        }
        return new TableLayout(Headers, _headerRows, _labels, merged, Caption, Columns) { _statingRows = _statingRows };
    }

    /// <summary>How many cells the table's data rows have (the most of any row).</summary>
    public int Columns { get; }

    /// <summary>
    /// This layout, or, when it has no header of its own, this layout read under the headers of
    /// <paramref name="continued"/>: the same table's part in another chunk (a table printed over
    /// two pages is cut into chunks, and the part on the next page may start with the rest of a
    /// row instead of the header). The first of <paramref name="continued"/> with headers and as
    /// many columns is taken.
    /// </summary>
    public TableLayout OrHeadersOf(IEnumerable<TableLayout> continued)
    {
        if (Headers.Count > 0 || Columns < 2)
        {
            return this;
        }
        var other = continued.FirstOrDefault(t => t != this && t.Headers.Count > 0 && t.Columns == Columns);
        return other is null ? this : new TableLayout(other.Headers, _headerRows, _labels, Abbreviations, Caption ?? other.Caption, Columns) { _statingRows = _statingRows };
    }

    /// <summary>A cell of more than this many words that goes on from a list or a sentence is the rest of a row, not a heading.</summary>
    public const int MaxHeadingWords = 10;

    // The rest of a row whose cells went on to the next page, printed above the table's part there:
    // no label, and a cell that goes on with the row's list or sentence ("|  |  | 3. Unresectable
    // or metastatic NSCLC whose tumors have ... |  |", "|  | of the liver, with ... |").
    private static bool IsContinuedRow(string[] cells) =>
        cells.Length > 1 && cells[0].Length == 0 && cells.Any(c => Word().Count(c) > MaxHeadingWords && GoesOn().IsMatch(c));

    [GeneratedRegex(@"^(\d{1,2}[.)]\s|\p{Ll})")]
    private static partial Regex GoesOn();

    /// <summary>The abbreviations <paramref name="text"/> defines ("RR=Relative risk"), lower case, with what they stand for.</summary>
    public static IReadOnlyDictionary<string, string> Definitions(string text) =>
        Definition().Matches(text)
            .GroupBy(m => m.Groups[1].Value.ToLowerInvariant())
            .ToDictionary(g => g.Key, g => g.First().Groups[2].Value.Trim(), StringComparer.Ordinal);

    /// <summary>The header rows (cells), top to bottom.</summary>
    public IReadOnlyList<string[]> Headers { get; }

    /// <summary>Abbreviations the chunk defines, lower case, with what they stand for.</summary>
    public IReadOnlyDictionary<string, string> Abbreviations { get; }

    /// <summary>True when the row starting at <paramref name="offset"/> of the chunk text is a header row.</summary>
    public bool IsHeaderRow(int offset) => _headerRows.Contains(offset);

    /// <summary>The label of the data row starting at <paramref name="offset"/>: its first cell, or the nearest labelled row's when empty.</summary>
    public string? LabelOf(int offset) => _labels.GetValueOrDefault(offset);

    /// <summary>
    /// True when the header row at <paramref name="offset"/> also states values: a header row under
    /// the first, with a label and two or more numbers, such as a schedule's "Days | -28 to -8 | 14 (± 7)
    /// | 98 (± 7)" under its visit names. It heads the rows below it and is read as a row of the headers above it.
    /// </summary>
    public bool StatesValues(int offset) => _statingRows.Contains(offset);

    /// <summary>The heading of <paramref name="column"/> (all header rows), with the abbreviations in it spelled out.</summary>
    public string Heading(int column) => Heading(column, null);

    /// <summary>The heading of <paramref name="column"/> above the header row <paramref name="row"/> when it is one (all header rows otherwise).</summary>
    public string Heading(int column, string[]? row)
    {
        var above = row is null ? -1 : Headers.ToList().FindIndex(h => h.SequenceEqual(row));
        var heading = string.Join(' ', Headers.Take(above < 0 ? Headers.Count : above).Select(h => column < h.Length ? h[column] : "").Where(h => h.Length > 0));
        var expansions = Word().Matches(heading)
            .Select(m => Abbreviations.GetValueOrDefault(m.Value.ToLowerInvariant()))
            .OfType<string>()
            .Where(e => !heading.Contains(e, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        return expansions.Length == 0 ? heading : $"{heading} ({string.Join(", ", expansions)})";
    }

    /// <summary>What the abbreviations in <paramref name="text"/> stand for, space-separated (empty when it uses none).</summary>
    public string SpelledOut(string text) => Abbreviations.Count == 0 ? "" : string.Join(' ', Word().Matches(text)
        .Select(m => Abbreviations.GetValueOrDefault(m.Value.ToLowerInvariant()))
        .OfType<string>()
        .Distinct(StringComparer.OrdinalIgnoreCase));

    public static TableLayout Of(string chunkText)
    {
        var rows = new List<(int Offset, string[] Cells)>();
        var separator = -1;
        var offset = 0;
        string? caption = null;
        foreach (var line in chunkText.Split('\n'))
        {
            var trimmed = line.Trim();
            var start = offset + line.IndexOf(trimmed.Length > 0 ? trimmed[0] : ' ', StringComparison.Ordinal);
            offset += line.Length + 1;
            if (rows.Count == 0 && trimmed.StartsWith("Table ", StringComparison.OrdinalIgnoreCase))
            {
                caption = trimmed;
            }
            if (trimmed.StartsWith("| ---", StringComparison.Ordinal))
            {
                separator = separator < 0 ? rows.Count : separator;
                continue;
            }
            if (TableRowStatement.IsRow(trimmed))
            {
                rows.Add((start, TableRowStatement.Cells(trimmed)));
            }
        }
        var abbreviations = Definitions(chunkText);
        if (separator <= 0)
        {
            return new TableLayout([], [], [], abbreviations, caption);
        }
        // Rows right below the separator that read as headers are the header's second line, when
        // values follow them (a table of text cells has no value anywhere: its rows are data).
        var below = separator;
        var completed = false;
        while (below < rows.Count && below - separator < MaxHeaderRowsBelowSeparator
            && (LooksLikeHeader(rows[below].Cells) || CompletesGroupHeading(rows[below - 1].Cells, rows[below].Cells))
            && rows.Skip(below + 1).Any(r => HasValue(r.Cells)))
        {
            completed |= !LooksLikeHeader(rows[below].Cells);
            below++;
        }
        var headerRows = rows.Take(below).Select(r => r.Offset).ToHashSet();
        var data = rows.Skip(below).ToArray();
        var columns = data.Length == 0 ? 0 : data.Max(r => r.Cells.Length);
        var labels = new Dictionary<int, string>();
        for (var i = 0; i < data.Length; i++)
        {
            if (NearestLabel(data, i) is { } label)
            {
                labels[data[i].Offset] = label;
            }
        }
        var stating = rows.Take(below).Skip(1)
            .Where(r => r.Cells.Length > 2 && r.Cells[0].Length > 0 && r.Cells.Skip(1).Count(c => LeadingNumber().IsMatch(c)) >= 2)
            .Select(r => r.Offset)
            .ToHashSet();
        var headers = rows.Take(below).Select(r => r.Cells).Where(c => !IsContinuedRow(c)).ToArray();
        return new TableLayout(completed ? Spanned(headers) : headers, headerRows, labels, abbreviations, caption, columns) { _statingRows = stating };
    }

    // A group heading spans several value columns ("Patients Treated With" over the three arms),
    // and the extractor prints it in the first of them only, leaving the others empty: the row
    // below that names every value column, under the label column's own heading ("Event |
    // Warfarin | Drug B/Aspirin | Drug C/Aspirin"), is the header's second line, not a row of data.
    // It states no value, its cells are headings' length, and it fills value columns the heading
    // above it leaves empty.
    private static bool CompletesGroupHeading(string[] above, string[] cells) =>
        cells.Length > 2 && !HasValue(cells)
        && cells.Skip(1).All(c => c.Length > 0 && Word().Count(c) <= MaxHeadingWords)
        && Enumerable.Range(1, above.Length - 1).Any(c => above[c].Length > 0)
        && Enumerable.Range(1, cells.Length - 1).Any(c => c >= above.Length || above[c].Length == 0);

    // The header rows with each group heading carried into the empty value cells to its right,
    // as far as the next heading of its row.
    private static string[][] Spanned(string[][] headers) =>
        headers.Select((row, i) => i == headers.Length - 1 ? row : row.Select((cell, c) =>
        {
            if (c == 0 || cell.Length > 0)
            {
                return cell;
            }
            var left = c - 1;
            while (left > 0 && row[left].Length == 0)
            {
                left--;
            }
            return left > 0 ? row[left] : cell;
        }).ToArray()).ToArray();

    // A label cell merged over a group of rows is printed on one of them (the first or the middle
    // one): an unlabelled row belongs to the nearest labelled row, the one above on a tie.
    private static string? NearestLabel((int Offset, string[] Cells)[] data, int row)
    {
        for (var distance = 0; distance < data.Length; distance++)
        {
            foreach (var other in (int[])[row - distance, row + distance])
            {
                if (other >= 0 && other < data.Length && data[other].Cells.Length > 0 && data[other].Cells[0].Length > 0)
                {
                    return data[other].Cells[0];
                }
            }
        }
        return null;
    }

    // A second header line has no value, and either no label (it heads the value columns only) or
    // a bracketed number such as an arm's size "(N=607)" or "[95% Confidence Interval]".
    // A row whose only digits are a reference ("[35]") is data, and so is a row whose cells are
    // sentences ("Regular monitoring ... (Section 6.6)"): headings are short.
    private static bool LooksLikeHeader(string[] cells) =>
        !HasValue(cells)
        && cells.All(c => Word().Count(c) <= MaxHeadingWords)
        && (cells.Length > 0 && cells[0].Length == 0 || cells.Skip(1).Any(c => Citation().Replace(c, "").Any(char.IsDigit)));

    /// <summary>
    /// The initials of a row label of several words, as the question may abbreviate it: "INR" for
    /// "International Normalized Ratio", "BMI" for "Body mass index" (lower case, as terms are);
    /// nothing for a label of one word.
    /// </summary>
    public static IEnumerable<string> LabelInitials(string label)
    {
        var words = Word().Matches(label).Select(m => m.Value).Where(w => char.IsLetter(w[0]) && !Joining.Contains(w)).ToArray();
        if (words.Length is < 2 or > 6 || words.Any(w => w.All(char.IsUpper) && w.Length > 1))
        {
            yield break;
        }
        yield return string.Concat(words.Select(w => char.ToLowerInvariant(w[0])));
    }

    private static readonly HashSet<string> Joining = new(["of", "and", "the", "in", "for", "to", "with", "or", "by", "at", "on", "a", "an"], StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"\[[\d,\s–-]+\]")]
    private static partial Regex Citation();

    // A value is a number outside brackets: "(N=607)" and "[95% CI]" in a header are not values,
    // nor is a compound's code ("LY900018", "RO5459072"), which names a column's treatment.
    private static bool HasValue(string[] cells) =>
        cells.Skip(1).Any(c => Code().Replace(Bracketed().Replace(c, ""), "").Any(char.IsDigit));

    /// <summary>True when <paramref name="cell"/> is a schedule's mark, perhaps with a footnote letter ("x", "X", "Xg", "✓").</summary>
    public static bool IsMark(string cell) => Mark().IsMatch(cell);

    [GeneratedRegex(@"^([xX✓✔√•●](\s?[a-z]{1,2})?\s*)+$")]
    private static partial Regex Mark();

    // A cell that starts with a number: a day, a range or a window ("-28 to -8", "14 (± 7)").
    [GeneratedRegex(@"^[\s(±+\-−‐–~<>≤≥]*\d")]
    private static partial Regex LeadingNumber();

    [GeneratedRegex(@"\b\p{Lu}{2,}\d{3,}\w*")]
    private static partial Regex Code();

    [GeneratedRegex(@"\([^)]*\)|\[[^\]]*\]")]
    private static partial Regex Bracketed();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    // "RR=Relative risk; CI=Confidence interval" (a table's footnote).
    [GeneratedRegex(@"\b([A-Za-z][A-Za-z0-9]{0,7})\s?=\s?([A-Za-z][A-Za-z -]{2,40}?)\s*(?=[;,.\n]|$)")]
    private static partial Regex Definition();
}
