using System.Text.RegularExpressions;
using PharmaRag.Core.Content;

namespace PharmaRag.Documents.Pdf;

/// <summary>
/// Finds headings and gives every item its section path. A heading is a short block that is
/// larger than body text, bold, or in capitals. Its level comes from its number ("2" is 1,
/// "2.4" is 2); an unnumbered heading in capitals or a large size is level 1, and an unnumbered
/// bold one sits one level under the last numbered or top heading.
/// </summary>
internal static partial class SectionTracker
{
    public static void Assign(IReadOnlyList<LayoutItem> items, Vocabulary vocabulary)
    {
        var body = BodySize(items);
        var stack = new List<(int Level, string Title)>();
        var baseLevel = 0;
        foreach (var item in items)
        {
            if (item.Kind == BlockKind.Text && Level(item, body, ref baseLevel) is { } level)
            {
                item.HeadingLevel = level;
                stack.RemoveAll(s => s.Level >= level);
                stack.Add((level, Title(TextRenderer.Render(item, vocabulary))));
            }
            item.Section = stack.Count == 0 ? null : string.Join(" > ", stack.Select(s => s.Title));
        }
    }

    private static int? Level(LayoutItem item, double body, ref int baseLevel)
    {
        var text = item.PlainText.Trim();
        var letters = text.Count(char.IsLetter);
        if (item.Lines.Count > 3 || text.Length > 160 || letters < 3 || text.Split(' ').Length > 20
            || text.EndsWith('.') || text.EndsWith(',') || text.EndsWith(';'))
        {
            return null;
        }
        var large = item.Size >= body * 1.15;
        var bold = item.Lines.All(l => l.Bold);
        var caps = text.Where(char.IsLetter).All(char.IsUpper) && letters >= 4;
        if (!(large || bold || caps) || item.Size < body * 0.75)
        {
            return null;
        }
        if (Numbered().Match(text) is { Success: true } numbered)
        {
            var depth = Math.Min(numbered.Groups[1].Value.Count(c => c == '.') + 1, 6);
            baseLevel = depth;
            return depth;
        }
        if (caps || item.Size >= body * 1.3)
        {
            baseLevel = 1;
            return 1;
        }
        return Math.Min(baseLevel + 1, 6);
    }

    private static string Title(string text) => string.Join(' ', text.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));

    private static double BodySize(IReadOnlyList<LayoutItem> items)
    {
        var sizes = items.SelectMany(i => i.Lines).GroupBy(l => Math.Round(l.Size * 2) / 2)
            .Select(g => (Size: g.Key, Letters: g.Sum(l => l.Text.Length)))
            .OrderByDescending(g => g.Letters)
            .ToList();
        return sizes.Count > 0 ? sizes[0].Size : 10;
    }

    [GeneratedRegex(@"^(\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+\p{L}")]
    private static partial Regex Numbered();
}
