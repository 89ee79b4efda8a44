using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PharmaRag.Storage.FileSystem;

/// <summary>
/// Signs and checks upload URLs with HMAC-SHA256 over the method, key, expiry, content type and
/// size limit, so that none of them can be changed without the signature failing.
/// </summary>
public sealed class UploadUrlSigner(byte[] secret, TimeProvider clock)
{
    public const string ExpiresParameter = "expires";
    public const string MaxBytesParameter = "max_bytes";
    public const string ContentTypeParameter = "content_type";
    public const string SignatureParameter = "signature";

    /// <summary>The query string (without '?') that authorises one PUT of <paramref name="key"/>.</summary>
    public string Sign(string key, string? contentType, long maxBytes, DateTimeOffset expiresAt)
    {
        var expires = expiresAt.ToUnixTimeSeconds();
        var query = new StringBuilder()
            .Append($"{ExpiresParameter}={expires}&{MaxBytesParameter}={maxBytes}");
        if (!string.IsNullOrEmpty(contentType))
        {
            query.Append($"&{ContentTypeParameter}={Uri.EscapeDataString(contentType)}");
        }
        query.Append($"&{SignatureParameter}={Signature(key, contentType, maxBytes, expires)}");
        return query.ToString();
    }

    /// <summary>Checks the signed parameters of a PUT; on success returns the limits it grants.</summary>
    public UploadGrant Verify(string key, string? expires, string? maxBytes, string? contentType, string? signature)
    {
        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt)
            || !long.TryParse(maxBytes, NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
            || string.IsNullOrEmpty(signature))
        {
            return UploadGrant.Denied("The upload URL is missing its signature parameters.");
        }
        var expected = Encoding.ASCII.GetBytes(Signature(key, contentType, limit, expiresAt));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature)))
        {
            return UploadGrant.Denied("The upload URL's signature does not match.");
        }
        if (clock.GetUtcNow().ToUnixTimeSeconds() > expiresAt)
        {
            return UploadGrant.Denied("The upload URL has expired.");
        }
        return new UploadGrant(true, null, limit, string.IsNullOrEmpty(contentType) ? null : contentType);
    }

    private string Signature(string key, string? contentType, long maxBytes, long expires)
    {
        var payload = string.Join('\n', "PUT", key, expires.ToString(CultureInfo.InvariantCulture), contentType ?? "",
            maxBytes.ToString(CultureInfo.InvariantCulture));
        var mac = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(payload));
        return Base64UrlEncode(mac);
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
