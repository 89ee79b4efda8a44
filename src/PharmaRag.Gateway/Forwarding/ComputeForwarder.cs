using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PharmaRag.Gateway.Compute;

namespace PharmaRag.Gateway.Forwarding;

/// <summary>
/// Sends a request to compute, starting it if needed; a request that finds compute gone (a
/// crash between the health check and the call) makes one more attempt on fresh compute.
/// </summary>
public sealed partial class ComputeForwarder(
    IComputeController compute, ComputeActivity activity, IHttpClientFactory httpClients, ILogger<ComputeForwarder> logger)
{
    public async Task<ForwardedResponse> SendAsync(HttpMethod method, string pathAndQuery, byte[]? body, string? contentType, CancellationToken cancellationToken)
    {
        using var inFlight = activity.Begin();
        for (var attempt = 1; ; attempt++)
        {
            Uri address;
            try
            {
                address = await compute.EnsureRunningAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogUnavailable(ex, compute.Mode);
                return ForwardedResponse.Problem(StatusCodes.Status503ServiceUnavailable, "Compute unavailable",
                    $"Compute ({compute.Mode}) could not be started: {ComputeFailure.Describe(ex)}.");
            }
            try
            {
                using var request = new HttpRequestMessage(method, new Uri(address, pathAndQuery));
                if (body is not null)
                {
                    request.Content = new ByteArrayContent(body);
                    request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "application/json");
                }
                using var response = await httpClients.CreateClient(nameof(ComputeForwarder)).SendAsync(request, cancellationToken);
                return new ForwardedResponse(
                    (int)response.StatusCode,
                    await response.Content.ReadAsByteArrayAsync(cancellationToken),
                    response.Content.Headers.ContentType?.ToString());
            }
            catch (HttpRequestException ex) when (attempt == 1)
            {
                LogRetry(ex, pathAndQuery);
                compute.Forget();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Compute ({Mode}) could not be started")]
    private partial void LogUnavailable(Exception error, string mode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Compute did not answer {Path}; retrying on fresh compute")]
    private partial void LogRetry(Exception error, string path);
}
