namespace PharmaRag.Documents;

/// <summary>Collapses runs of whitespace to single spaces.</summary>
internal static class TextNormalizer
{
    public static string Collapse(string? text) =>
        string.Join(' ', (text ?? "").Split((char[])[' ', '\t', '\n', '\r', '\u00A0'], StringSplitOptions.RemoveEmptyEntries));
}
