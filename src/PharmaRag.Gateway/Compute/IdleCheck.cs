using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PharmaRag.Gateway.Hosting;
using PharmaRag.Hosting.Inbox;

namespace PharmaRag.Gateway.Compute;

/// <summary>
/// Decides, from durable state only, whether compute should stop or start: the server reports
/// its requests in flight, when its last request ended and its pending jobs in /health; the
/// inbox holds queued work. Run by a scheduled invocation (EventBridge -> POST /events) or by a
/// long-running gateway's timer; no instance's memory is needed, so any instance may run it.
/// Idle time is the server's own count (<c>activity.idle_seconds</c>, measured by the server's
/// clock), compared with this gateway's IdleTimeoutSeconds: no two clocks are subtracted.
/// </summary>
public sealed partial class IdleCheck(
    IComputeController compute,
    ComputeActivity activity,
    WorkInbox inbox,
    IHttpClientFactory httpClients,
    IOptions<GatewayOptions> options,
    ILogger<IdleCheck> logger)
{
    public async Task<IdleCheckResult> RunAsync(CancellationToken cancellationToken)
    {
        var status = await compute.GetStatusAsync(cancellationToken);
        var queued = await inbox.CountPendingAsync(cancellationToken);
        if (status.Total == 0)
        {
            if (queued == 0)
            {
                return new IdleCheckResult("none", "compute is stopped and nothing is queued");
            }
            await compute.RequestStartAsync(cancellationToken);
            LogStarting(queued);
            return new IdleCheckResult("started", $"{queued} queued item(s) wait for compute");
        }
        if (!compute.StopsWhenIdle)
        {
            return new IdleCheckResult("kept", "compute never stops in this mode");
        }
        if (activity.InFlight > 0)
        {
            return new IdleCheckResult("kept", $"{activity.InFlight} request(s) in flight through this gateway");
        }
        if (queued > 0)
        {
            return new IdleCheckResult("kept", $"{queued} queued item(s) not yet taken by the server");
        }
        var health = compute.ProbeAddress is { } address ? await TryHealthAsync(address, cancellationToken) : null;
        if (health?["activity"] is not JsonObject serverActivity)
        {
            return new IdleCheckResult("kept", "compute is not answering /health yet (starting)");
        }
        var inFlight = (int?)serverActivity["in_flight"] ?? 0;
        var pendingJobs = (int?)health["jobs"]?["pending"] ?? 0;
        if (serverActivity["idle_seconds"] is not JsonValue idleValue || !idleValue.TryGetValue(out double idleSeconds))
        {
            return new IdleCheckResult("kept", "compute does not report its idle time in /health");
        }
        var idle = TimeSpan.FromSeconds(idleSeconds);
        if (inFlight > 0 || pendingJobs > 0)
        {
            return new IdleCheckResult("kept", $"{inFlight} request(s) in flight and {pendingJobs} job(s) pending on the server");
        }
        if (idle < options.Value.IdleTimeout)
        {
            return new IdleCheckResult("kept", $"idle for {idle.TotalSeconds:0} s of {options.Value.IdleTimeoutSeconds:0} s");
        }
        LogStopping(idle.TotalSeconds);
        await compute.StopAsync(cancellationToken);
        return new IdleCheckResult("stopped", $"idle for {idle.TotalSeconds:0} s with nothing in flight or pending");
    }

    private async Task<JsonObject?> TryHealthAsync(Uri address, CancellationToken cancellationToken)
    {
        try
        {
            return await httpClients.CreateClient(nameof(IdleCheck)).GetFromJsonAsync<JsonObject>(new Uri(address, "/health"), cancellationToken);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Compute idle for {IdleSeconds} s with nothing in flight or pending; stopping it")]
    private partial void LogStopping(double idleSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Queued} queued item(s) and compute stopped; starting it")]
    private partial void LogStarting(int queued);
}
