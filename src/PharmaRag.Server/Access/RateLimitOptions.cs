using System.ComponentModel.DataAnnotations;

namespace PharmaRag.Server.Access;

/// <summary>
/// PharmaRag:RateLimits: requests each caller (API key or token subject; the client address
/// when authentication is off) may make per fixed window before getting 429 with Retry-After.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "PharmaRag:RateLimits";

    /// <summary>Requests per window per caller; 0 switches rate limiting off.</summary>
    [Range(0, 10_000_000, ErrorMessage = "PharmaRag:RateLimits:RequestsPerWindow must be between 0 (off) and 10000000.")]
    public int RequestsPerWindow { get; set; } = 1200;

    [Range(1, 86_400, ErrorMessage = "PharmaRag:RateLimits:WindowSeconds must be between 1 and 86400.")]
    public int WindowSeconds { get; set; } = 60;
}
