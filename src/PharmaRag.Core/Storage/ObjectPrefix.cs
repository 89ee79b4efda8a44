namespace PharmaRag.Core.Storage;

/// <summary>A key prefix to list: empty, or the start of a valid key (a trailing slash allowed).</summary>
public static class ObjectPrefix
{
    public static void Validate(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length > 0 && !ObjectKey.IsValid(prefix.TrimEnd('/'), out var error))
        {
            throw new ArgumentException(error, nameof(prefix));
        }
    }
}
