namespace PharmaRag.Server.Contracts;

/// <summary>Where and how to upload one file.</summary>
public sealed record PresignedUrlResponse(
    string Url, string Key, string Method, DateTimeOffset ExpiresAt, long MaxBytes, IReadOnlyDictionary<string, string> Headers);
