namespace PharmaRag.Documents;

/// <summary>The headings above the current position, as the section path of the blocks under them.</summary>
internal sealed class SectionPath
{
    private readonly List<(int Level, string Title)> _stack = [];

    public string? Current => _stack.Count == 0 ? null : string.Join(" > ", _stack.Select(s => s.Title));

    /// <summary>Enters a heading; returns the path including it.</summary>
    public string? Enter(int level, string title)
    {
        _stack.RemoveAll(s => s.Level >= level);
        _stack.Add((level, title.Trim()));
        return Current;
    }
}
