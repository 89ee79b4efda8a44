using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using PharmaRag.Gateway.Compute;

namespace PharmaRag.Gateway.Forwarding;

/// <summary>
/// Passes a request through to compute, starting it if needed, and streams compute's response
/// back as it arrives (server-sent events reach the client event by event; files are not held in
/// memory). The caller's Authorization header goes along, so compute decides who may do what. A
/// request that finds compute gone (a crash between the health check and the call) makes one
/// more attempt on fresh compute.
/// </summary>
public sealed partial class ComputeForwarder(
    IComputeController compute, ComputeActivity activity, IHttpClientFactory httpClients, ILogger<ComputeForwarder> logger)
{
    /// <summary>What the caller sends that compute needs: identity and workspace, what it accepts, conditional and range reads.</summary>
    private static readonly string[] ForwardedRequestHeaders =
    [
        HeaderNames.Authorization, HeaderNames.Accept, HeaderNames.AcceptLanguage, HeaderNames.Range, HeaderNames.IfRange,
        HeaderNames.IfNoneMatch, HeaderNames.IfModifiedSince, HeaderNames.CacheControl, "X-Workspace",
    ];

    /// <summary>Headers that describe one connection, or that this gateway's own server writes.</summary>
    private static readonly HashSet<string> NotPassedBack = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.Connection, HeaderNames.KeepAlive, HeaderNames.TransferEncoding, HeaderNames.Upgrade, HeaderNames.ProxyAuthenticate,
        HeaderNames.TE, HeaderNames.Trailer, HeaderNames.Date, HeaderNames.Server,
    };

    /// <summary>
    /// Forwards the current request to <paramref name="computePath"/> (path and query) and writes
    /// compute's answer to the response. <paramref name="body"/> is the request body when the
    /// caller already read it; otherwise it is read here.
    /// </summary>
    public async Task ForwardAsync(HttpContext context, string computePath, byte[]? body = null)
    {
        var cancellationToken = context.RequestAborted;
        using var inFlight = activity.Begin();
        if (body is null && (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0))
        {
            // Buffered: a retry on fresh compute must send it again. Requests are questions and ids, not files.
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, cancellationToken);
            body = buffer.ToArray();
        }
        for (var attempt = 1; ; attempt++)
        {
            Uri address;
            try
            {
                address = await compute.EnsureRunningAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await WriteUnavailableAsync(context, ex);
                return;
            }
            HttpResponseMessage response;
            try
            {
                using var request = CreateRequest(context.Request, new Uri(address, computePath), body);
                response = await httpClients.CreateClient(nameof(ComputeForwarder))
                    .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException ex) when (attempt == 1)
            {
                LogRetry(ex, context.Request.Path);
                compute.Forget();
                continue;
            }
            catch (HttpRequestException ex)
            {
                LogNoAnswer(ex, context.Request.Path);
                await WriteProblemAsync(context, StatusCodes.Status502BadGateway, "Compute did not answer",
                    "Compute did not answer twice in a row; try again shortly.");
                return;
            }
            using (response)
            {
                await CopyResponseAsync(response, context, cancellationToken);
            }
            return;
        }
    }

    private static HttpRequestMessage CreateRequest(HttpRequest incoming, Uri target, byte[]? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(incoming.Method), target);
        foreach (var name in ForwardedRequestHeaders)
        {
            if (incoming.Headers.TryGetValue(name, out var values))
            {
                request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation(HeaderNames.ContentType, incoming.ContentType ?? "application/json");
        }
        return request;
    }

    private static async Task CopyResponseAsync(HttpResponseMessage response, HttpContext context, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!NotPassedBack.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }
        // Nothing between compute and the client holds the answer back: each read is sent at once.
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            await context.Response.Body.FlushAsync(cancellationToken);
        }
    }

    /// <summary>503 for a start that failed: the kind of failure for the client, the exception for the log.</summary>
    public Task WriteUnavailableAsync(HttpContext context, Exception error)
    {
        LogUnavailable(error, compute.Mode);
        return WriteProblemAsync(context, StatusCodes.Status503ServiceUnavailable, "Compute unavailable",
            $"Compute ({compute.Mode}) could not be started: {ComputeFailure.Describe(error)}.");
    }

    private static Task WriteProblemAsync(HttpContext context, int status, string title, string detail) =>
        Results.Problem(detail, statusCode: status, title: title).ExecuteAsync(context);

    [LoggerMessage(Level = LogLevel.Error, Message = "Compute ({Mode}) could not be started")]
    private partial void LogUnavailable(Exception error, string mode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Compute did not answer {Path}; retrying on fresh compute")]
    private partial void LogRetry(Exception error, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Compute did not answer {Path} on fresh compute either")]
    private partial void LogNoAnswer(Exception error, string path);
}
