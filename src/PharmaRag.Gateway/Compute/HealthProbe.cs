using System.Net;

namespace PharmaRag.Gateway.Compute;

/// <summary>Polls a server's /health until it answers 200 (instead of the original's fixed 30 s sleep).</summary>
public static class HealthProbe
{
    public static async Task<bool> IsHealthyAsync(HttpClient http, Uri baseAddress, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            using var response = await http.GetAsync(new Uri(baseAddress, "/health"), timeout.Token);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
