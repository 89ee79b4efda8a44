using System.Globalization;
using System.Net.Http.Headers;

namespace PharmaRag.Models;

/// <summary>
/// The wait a rate-limited (429) or unavailable (503) server asks for: Retry-After as seconds or
/// an HTTP date, or OpenAI's retry-after-ms; bounded so a misbehaving server cannot stall
/// ingestion for hours.
/// </summary>
public static class RetryAfterDelay
{
    /// <summary>The server's requested delay capped at <paramref name="max"/>, or null when it asked for none.</summary>
    public static TimeSpan? From(HttpResponseMessage? response, TimeSpan max, DateTimeOffset now)
    {
        if (response is null)
        {
            return null;
        }
        TimeSpan? delay = null;
        if (response.Headers.TryGetValues("retry-after-ms", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            delay = TimeSpan.FromMilliseconds(ms);
        }
        else if (response.Headers.RetryAfter is RetryConditionHeaderValue retryAfter)
        {
            delay = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - now : null);
        }
        if (delay is not { } value)
        {
            return null;
        }
        return value < TimeSpan.Zero ? TimeSpan.Zero : value > max ? max : value;
    }
}
