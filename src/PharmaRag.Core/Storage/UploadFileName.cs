using System.Text.RegularExpressions;

namespace PharmaRag.Core.Storage;

/// <summary>
/// The rules a file name given by a client must follow before it becomes part of an object key:
/// a plain name (no folders, no traversal), printable, not hidden, not a Windows device name, so
/// that the file can be stored, downloaded and opened on any system.
/// </summary>
public static partial class UploadFileName
{
    public const int MaxLength = 255;

    /// <summary>Why the name is refused, or null when it is acceptable.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "A file name is required.";
        }
        if (name.Length > MaxLength)
        {
            return $"The file name is longer than {MaxLength} characters.";
        }
        if (name.Any(char.IsControl))
        {
            return "The file name contains control characters.";
        }
        if (name.Contains('/') || name.Contains('\\') || name.Contains(".."))
        {
            return "The file name must be a plain name: no folders, path separators or '..'.";
        }
        if (name.IndexOfAny(['<', '>', ':', '"', '|', '?', '*']) >= 0)
        {
            return "The file name must not contain any of < > : \" | ? *.";
        }
        if (name.StartsWith('.'))
        {
            return "The file name must not start with a dot: it needs a name before its extension.";
        }
        if (name != name.Trim() || name.EndsWith('.'))
        {
            return "The file name must not start or end with a space, or end with a dot.";
        }
        var stem = name.Split('.')[0].TrimEnd();
        return ReservedDevice().IsMatch(stem)
            ? $"'{stem}' is a reserved device name on Windows; choose another file name."
            : null;
    }

    [GeneratedRegex("^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])$", RegexOptions.IgnoreCase)]
    private static partial Regex ReservedDevice();
}
