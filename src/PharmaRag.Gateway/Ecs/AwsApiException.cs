using System.Net;

namespace PharmaRag.Gateway.Ecs;

/// <summary>An AWS API refused a call; Code is AWS's error type (for example AccessDeniedException).</summary>
public sealed class AwsApiException(HttpStatusCode status, string code, string message)
    : Exception($"{code} ({(int)status}): {message}")
{
    public HttpStatusCode Status { get; } = status;
    public string Code { get; } = code;

    /// <summary>AWS throttled the call (and kept doing so through every retry).</summary>
    public bool IsThrottling => Status == HttpStatusCode.TooManyRequests || AwsErrorCodes.IsThrottling(Code);
}
