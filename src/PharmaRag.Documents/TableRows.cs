namespace PharmaRag.Documents;

/// <summary>Makes a ragged list of rows rectangular and drops empty rows and trailing empty columns.</summary>
internal static class TableRows
{
    public static string[][] Rectangular(IEnumerable<IReadOnlyList<string>> rows)
    {
        var kept = rows.Where(r => r.Any(c => c.Length > 0)).ToList();
        var width = kept.Count == 0 ? 0 : kept.Max(r => r.Count == 0 ? 0 : r.Select((c, i) => c.Length > 0 ? i + 1 : 0).Max());
        return kept.Select(r => Enumerable.Range(0, width).Select(i => i < r.Count ? r[i] : "").ToArray()).ToArray();
    }
}
