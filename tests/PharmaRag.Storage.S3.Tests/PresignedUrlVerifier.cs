using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PharmaRag.Storage.S3.Tests;

/// <summary>
/// S3's check of a SigV4 query-string (presigned) request, written from AWS's description of
/// the protocol and independent of the SDK: canonical request with UNSIGNED-PAYLOAD, the
/// credential scope, the derived key, and the validity window X-Amz-Date + X-Amz-Expires.
/// </summary>
public static class PresignedUrlVerifier
{
    /// <summary>Null when S3 would accept the request at <paramref name="now"/>, else why not.</summary>
    public static string? Verify(string method, Uri url, IReadOnlyDictionary<string, string> headers, string secretAccessKey, DateTimeOffset now)
    {
        var query = url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""), StringComparer.Ordinal);
        if (query.GetValueOrDefault("X-Amz-Algorithm") != "AWS4-HMAC-SHA256")
        {
            return "not a SigV4 presigned URL";
        }
        var amzDate = query["X-Amz-Date"];
        var signedAt = DateTimeOffset.ParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var expires = int.Parse(query["X-Amz-Expires"], CultureInfo.InvariantCulture);
        if (expires is < 1 or > 604800)
        {
            return "X-Amz-Expires out of range";
        }
        if (now < signedAt.AddMinutes(-15) || now > signedAt.AddSeconds(expires))
        {
            return "Request has expired";
        }
        var credential = query["X-Amz-Credential"].Split('/');
        var signedHeaders = query["X-Amz-SignedHeaders"].Split(';');
        var canonicalHeaders = new StringBuilder();
        foreach (var name in signedHeaders)
        {
            var value = name == "host" ? (url.IsDefaultPort ? url.Host : $"{url.Host}:{url.Port}") : headers.GetValueOrDefault(name);
            if (value is null)
            {
                return $"signed header {name} is missing from the request";
            }
            canonicalHeaders.Append(name).Append(':').Append(value.Trim()).Append('\n');
        }
        var canonicalQuery = string.Join('&', query.Where(p => p.Key != "X-Amz-Signature")
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        var canonical = $"{method}\n{url.AbsolutePath}\n{canonicalQuery}\n{canonicalHeaders}\n{query["X-Amz-SignedHeaders"]}\nUNSIGNED-PAYLOAD";
        var scope = string.Join('/', credential[1..]);
        var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + secretAccessKey);
        foreach (var step in credential[1..])
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(step));
        }
        var expected = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(toSign)));
        return expected == query["X-Amz-Signature"] ? null : "SignatureDoesNotMatch";
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
