namespace PharmaRag.Core.Storage;

/// <summary>A URL a client may PUT one object to until it expires.</summary>
/// <param name="Url">Absolute, or relative to the service's own base URL.</param>
public sealed record PresignedUpload(string Url, string Key, DateTimeOffset ExpiresAt, string? ContentType, long MaxBytes);
