using System.Collections.Concurrent;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace PharmaRag.Gateway.Ecs;

/// <summary>
/// Signs an <see cref="HttpRequestMessage"/> with AWSSDK.Core's own SigV4 signer (AWS4Signer):
/// the request is mirrored into the SDK's request type, signed there (canonical request, string to
/// sign, derived key), and the SigV4 headers are copied back. Credentials come from
/// <see cref="AwsCredentialSource"/>; the session token, when there is one, is signed as well.
/// </summary>
public sealed class AwsSigV4Signer(AwsCredentialSource credentials, TimeProvider clock)
{
    private static readonly string[] SigningHeaders = ["Authorization", "X-Amz-Date", "X-Amz-Content-SHA256", "X-Amz-Security-Token"];

    // Only what the call means is signed: trace propagation (traceparent), user agent and framing
    // headers are set or rewritten below this handler, and a signed header that changes breaks the signature.
    private static readonly string[] SignedHeaderNames = ["Content-Type", "Content-MD5", "Range"];

    private readonly AWS4Signer _signer = new();
    private readonly ConcurrentDictionary<(string Region, string Service), SigningOnlyClientConfig> _configs = new();

    /// <summary>Adds X-Amz-Date, X-Amz-Content-SHA256 (and the session token) and the Authorization header.</summary>
    public async Task SignAsync(HttpRequestMessage request, string region, string service, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        if (uri.Query.Length > 1)
        {
            throw new NotSupportedException("The gateway's AWS calls carry their parameters in the body, not the query string.");
        }
        var identity = await credentials.GetAsync(cancellationToken);
        foreach (var name in SigningHeaders)
        {
            request.Headers.Remove(name); // a retried request is signed afresh
        }

        var sdkRequest = new DefaultRequest(SigningOnlyRequest.Instance, service)
        {
            HttpMethod = request.Method.Method,
            Endpoint = new Uri(uri.GetLeftPart(UriPartial.Authority)),
            ResourcePath = uri.AbsolutePath,
            Content = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken),
        };
        foreach (var (name, values) in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            if (IsSigned(name))
            {
                sdkRequest.Headers[name] = string.Join(",", values);
            }
        }
        if (identity.UseToken)
        {
            sdkRequest.Headers["X-Amz-Security-Token"] = identity.Token;
        }

        var result = _signer.SignRequest(sdkRequest, _configs.GetOrAdd((region, service), key => new SigningOnlyClientConfig(key.Region, key.Service)), metrics: null,
            identity.AccessKey, identity.SecretKey, clock.GetUtcNow().UtcDateTime);

        foreach (var (name, value) in sdkRequest.Headers)
        {
            if (SigningHeaders.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
        request.Headers.TryAddWithoutValidation("Authorization", result.ForAuthorizationHeader);
    }

    private static bool IsSigned(string header) =>
        header.StartsWith("X-Amz-", StringComparison.OrdinalIgnoreCase) || SignedHeaderNames.Contains(header, StringComparer.OrdinalIgnoreCase);
}
