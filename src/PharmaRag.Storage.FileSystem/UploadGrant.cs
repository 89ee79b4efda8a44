namespace PharmaRag.Storage.FileSystem;

/// <summary>The outcome of checking an upload URL.</summary>
public sealed record UploadGrant(bool Allowed, string? Reason, long MaxBytes, string? ContentType)
{
    public static UploadGrant Denied(string reason) => new(false, reason, 0, null);
}
