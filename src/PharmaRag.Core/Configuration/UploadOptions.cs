using System.ComponentModel.DataAnnotations;

namespace PharmaRag.Core.Configuration;

/// <summary>Settings of presigned uploads (section PharmaRag:Uploads).</summary>
public sealed class UploadOptions
{
    public const string Section = "PharmaRag:Uploads";

    /// <summary>Largest upload a presigned URL allows, in bytes.</summary>
    [Range(1, long.MaxValue)]
    public long MaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>How long a presigned URL stays valid.</summary>
    [Range(1, 7 * 24 * 3600)]
    public int UrlLifetimeSeconds { get; set; } = 900;

    /// <summary>
    /// Base64 HMAC key for signing URLs. When empty, a random key is created once and kept in the
    /// data directory, so URLs survive restarts.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>Scheme and host clients use to reach this service, when it differs from the request's.</summary>
    [Url]
    public string? PublicBaseUrl { get; set; }
}
