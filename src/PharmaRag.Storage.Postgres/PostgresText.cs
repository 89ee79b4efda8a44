namespace PharmaRag.Storage.Postgres;

/// <summary>
/// PostgreSQL text cannot hold NUL characters, which PDF text extraction sometimes yields; they
/// become U+FFFD, one character for one, so offsets into the text (page spans) stay right.
/// </summary>
internal static class PostgresText
{
    public static string Clean(string text) => text.Contains('\0') ? text.Replace('\0', '\uFFFD') : text;

    public static string? CleanOrNull(string? text) => text is null ? null : Clean(text);
}
