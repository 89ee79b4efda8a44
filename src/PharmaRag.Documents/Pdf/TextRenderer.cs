using System.Text.RegularExpressions;

namespace PharmaRag.Documents.Pdf;

/// <summary>
/// The text of a paragraph: lines joined with hyphenation repaired, and each list item (a line
/// starting with a bullet or an item number) on a line of its own so lists stay lists.
/// </summary>
internal static partial class TextRenderer
{
    public static string Render(LayoutItem item, Vocabulary? vocabulary)
    {
        var items = new List<List<string>>();
        foreach (var line in item.Lines)
        {
            if (items.Count == 0 || ListItem().IsMatch(line.Text))
            {
                items.Add([]);
            }
            items[^1].Add(line.Text);
        }
        return string.Join('\n', items.Select(lines => Hyphenation.JoinLines(lines, vocabulary)));
    }

    [GeneratedRegex(@"^([•●▪◦■□➢►✓·*]|[-–]\s|\(?[a-z0-9]{1,2}[.)]\s+\p{Lu}|\([ivx]{1,4}\)\s)")]
    private static partial Regex ListItem();
}
