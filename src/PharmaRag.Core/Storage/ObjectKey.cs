namespace PharmaRag.Core.Storage;

/// <summary>
/// Object keys are relative, forward-slash paths. Anything that could name a place outside the
/// store (.., absolute paths, backslashes, control characters) is refused.
/// </summary>
public static class ObjectKey
{
    public const int MaxLength = 1024;

    public static bool IsValid(string? key, out string error)
    {
        error = "";
        if (string.IsNullOrWhiteSpace(key))
        {
            error = "The key is empty.";
        }
        else if (key.Length > MaxLength)
        {
            error = $"The key is longer than {MaxLength} characters.";
        }
        else if (key.StartsWith('/') || key.Contains('\\') || key.Contains(':'))
        {
            error = "The key must be a relative path with forward slashes.";
        }
        else if (key.Any(char.IsControl))
        {
            error = "The key contains control characters.";
        }
        else if (key.Split('/').Any(s => s.Length == 0 || s == "." || s == ".." || s.Trim().Length == 0))
        {
            error = "The key contains an empty, '.' or '..' segment.";
        }
        return error.Length == 0;
    }

    /// <summary>The file name part of a key.</summary>
    public static string FileName(string key) => key[(key.LastIndexOf('/') + 1)..];
}
