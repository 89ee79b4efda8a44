using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PharmaRag.Gateway.Ecs;

/// <summary>
/// AWS Signature Version 4 (docs: "Create a signed AWS API request"): canonical request,
/// string to sign, derived signing key, Authorization header.
/// </summary>
public sealed class AwsSigV4Signer(AwsCredentials credentials, TimeProvider clock)
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>Adds x-amz-date (and the session token) and the Authorization header to a request.</summary>
    public async Task SignAsync(HttpRequestMessage request, string region, string service, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var amzDate = clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        request.Headers.TryAddWithoutValidation("x-amz-date", amzDate);
        if (credentials.SessionToken is { } token)
        {
            request.Headers.TryAddWithoutValidation("x-amz-security-token", token);
        }

        var uri = request.RequestUri!;
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}",
        };
        foreach (var header in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            var name = header.Key.ToLowerInvariant();
            if (name.StartsWith("x-amz-", StringComparison.Ordinal) || name == "content-type")
            {
                headers[name] = string.Join(",", header.Value);
            }
        }
        var signature = Sign(request.Method.Method, uri.AbsolutePath, uri.Query.TrimStart('?'), headers, Hex(SHA256.HashData(body)),
            amzDate, region, service, credentials.SecretAccessKey);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"{Algorithm} Credential={credentials.AccessKeyId}/{Scope(amzDate, region, service)}, " +
            $"SignedHeaders={string.Join(';', headers.Keys)}, Signature={signature}");
    }

    /// <summary>The signature for a canonical request; <paramref name="headers"/> are lower-case names in order.</summary>
    public static string Sign(
        string method, string path, string query, IReadOnlyDictionary<string, string> headers, string payloadHash,
        string amzDate, string region, string service, string secretAccessKey)
    {
        var canonicalRequest = string.Join('\n',
            method,
            CanonicalPath(path),
            CanonicalQuery(query),
            string.Concat(headers.Select(h => $"{h.Key}:{h.Value.Trim()}\n")),
            string.Join(';', headers.Keys),
            payloadHash);
        var stringToSign = string.Join('\n',
            Algorithm, amzDate, Scope(amzDate, region, service), Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), amzDate[..8]);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        return Hex(Hmac(key, stringToSign));
    }

    public static string Scope(string amzDate, string region, string service) => $"{amzDate[..8]}/{region}/{service}/aws4_request";

    private static string CanonicalPath(string path) =>
        path.Length == 0 ? "/" : string.Join('/', path.Split('/').Select(s => Uri.EscapeDataString(Uri.UnescapeDataString(s))));

    private static string CanonicalQuery(string query) =>
        string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(p => (Key: Uri.EscapeDataString(Uri.UnescapeDataString(p[0])), Value: Uri.EscapeDataString(Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""))))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}"));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
