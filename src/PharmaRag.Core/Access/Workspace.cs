namespace PharmaRag.Core.Access;

/// <summary>
/// A workspace name: the partition every document, chunk, index entry, graph node and job
/// belongs to. Lower-case letters, digits and '-', 1 to 40 characters, starting with a letter or
/// digit, so that it is safe as a directory name, a schema suffix and an object-key prefix.
/// </summary>
public static class Workspace
{
    /// <summary>The workspace of single-user use and of requests without a key when authentication is off.</summary>
    public const string Default = "default";

    public const string Rule = "a workspace name is 1 to 40 lower-case letters, digits or '-', starting with a letter or digit";

    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= 40 }
        && char.IsAsciiLetterOrDigit(name[0])
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
