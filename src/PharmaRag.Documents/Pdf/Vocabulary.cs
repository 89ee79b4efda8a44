namespace PharmaRag.Documents.Pdf;

/// <summary>How often each word occurs in a document, to decide how a hyphenated line break is spelled.</summary>
internal sealed class Vocabulary
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _uses = new(StringComparer.OrdinalIgnoreCase);

    public void Add(string text)
    {
        foreach (var token in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var word = token.Trim('.', ',', ';', ':', '(', ')', '[', ']', '"', '\'');
            if (word.Length > 2)
            {
                _counts[word] = _counts.GetValueOrDefault(word) + 1;
            }
            foreach (var part in word.Split('-', StringSplitOptions.RemoveEmptyEntries))
            {
                if (part.Length > 2)
                {
                    _uses[part] = _uses.GetValueOrDefault(part) + 1;
                }
            }
        }
    }

    public int Count(string word) => _counts.GetValueOrDefault(word);

    /// <summary>How often the word is printed on its own or as a part of a hyphenated compound ("dependent" in "dose-dependent").</summary>
    public int Uses(string word) => _uses.GetValueOrDefault(word);
}
