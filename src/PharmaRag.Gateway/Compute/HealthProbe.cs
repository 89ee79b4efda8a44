using System.Net;

namespace PharmaRag.Gateway.Compute;

/// <summary>Polls a server's /health until it answers 200 (instead of the original's fixed 30 s sleep).</summary>
public static class HealthProbe
{
    /// <summary>
    /// True when /health answers 200 and, when <paramref name="processId"/> is given, the answer
    /// comes from that process (its pid ends the task arn): a port can be taken by another server
    /// between choosing it and the child binding it.
    /// </summary>
    public static async Task<bool> IsHealthyAsync(HttpClient http, Uri baseAddress, CancellationToken cancellationToken, int? processId = null)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            using var response = await http.GetAsync(new Uri(baseAddress, "/health"), timeout.Token);
            return response.StatusCode == HttpStatusCode.OK
                && (processId is null || (await response.Content.ReadAsStringAsync(timeout.Token)).Contains($"/{processId}\"", StringComparison.Ordinal));
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
