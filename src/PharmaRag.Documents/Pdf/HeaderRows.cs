using System.Text.RegularExpressions;

namespace PharmaRag.Documents.Pdf;

/// <summary>
/// How many leading rows of a table are column headers: rows set in bold, or rows without numbers
/// above a body whose rows mostly have numbers. At least one when the table has a body.
/// A schedule of activities (a body of marks: "X", "x", "✓") is headed by every row above its first
/// marked row, numbers and all: the visit names and then the study days or weeks ("Days | -28 to -8 |
/// 14 (± 7) | 98 (± 7)") that each marked column stands for.
/// </summary>
internal static partial class HeaderRows
{
    public static int Count(string[][] rows, IReadOnlyList<bool> boldRows)
    {
        if (rows.Length < 2)
        {
            return 0;
        }
        var numeric = rows.Select(r => r.Skip(1).Any(c => Numeric().IsMatch(c))).ToArray();
        var bodyNumeric = numeric.Skip(1).Count(n => n) >= 0.5 * (rows.Length - 1);
        var count = 0;
        while (count < Math.Min(4, rows.Length - 1)
               && ((count < boldRows.Count && boldRows[count] && !boldRows.Skip(count + 1).All(b => b))
                   || (bodyNumeric && !numeric[count] && count + 1 < rows.Length && rows[count].Count(c => c.Length > 0) > 1)))
        {
            count++;
        }
        return Math.Max(Math.Max(count, ScheduleHeaderRows(rows)), 1);
    }

    /// <summary>A schedule is marked in at least this many of its body rows.</summary>
    public const int MinScheduleMarkedRows = 3;

    // The rows above a schedule's first marked row, when its body is marks (at least 80% of its
    // filled value cells) and those rows head the value columns (one of them fills two or more);
    // 0 when the table is not a schedule.
    private static int ScheduleHeaderRows(string[][] rows)
    {
        var first = Array.FindIndex(rows, r => r.Skip(1).Any(c => Mark().IsMatch(c)));
        if (first < 1 || first > Math.Min(4, rows.Length - 1))
        {
            return 0;
        }
        var values = rows.Skip(first).SelectMany(r => r.Skip(1)).Where(c => c.Length > 0).ToArray();
        var marked = rows.Skip(first).Count(r => r.Skip(1).Any(c => Mark().IsMatch(c)));
        var headed = rows.Take(first).Any(r => r.Skip(1).Count(c => c.Length > 0) >= 2);
        return marked >= MinScheduleMarkedRows && values.Count(c => Mark().IsMatch(c)) >= 0.8 * values.Length && headed ? first : 0;
    }

    // A mark, perhaps with a footnote letter or a second mark ("X", "x", "Xg", "X r", "X X", "✓").
    [GeneratedRegex(@"^([xX✓✔√•●](\s?[a-z]{1,2})?\s*)+$")]
    private static partial Regex Mark();

    /// <summary>True when <paramref name="cell"/> is a number, a dose or a percentage.</summary>
    public static bool IsNumber(string cell) => Numeric().IsMatch(cell);

    [GeneratedRegex(@"^[\s<>≤≥~±+\-−–(]*\d[\d.,]*\s*(%|mg|mL|kg|h|hours?)?\)?(\s*\(.*\))?\s*$")]
    private static partial Regex Numeric();
}
