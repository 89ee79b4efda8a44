using System.Text.RegularExpressions;

namespace PharmaRag.Documents.Pdf;

/// <summary>
/// How many leading rows of a table are column headers: rows set in bold, or rows without numbers
/// above a body whose rows mostly have numbers. At least one when the table has a body.
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
        return Math.Max(count, 1);
    }

    /// <summary>True when <paramref name="cell"/> is a number, a dose or a percentage.</summary>
    public static bool IsNumber(string cell) => Numeric().IsMatch(cell);

    [GeneratedRegex(@"^[\s<>≤≥~±+\-−–(]*\d[\d.,]*\s*(%|mg|mL|kg|h|hours?)?\)?(\s*\(.*\))?\s*$")]
    private static partial Regex Numeric();
}
