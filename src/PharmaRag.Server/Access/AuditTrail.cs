using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PharmaRag.Core.Access;

namespace PharmaRag.Server.Access;

/// <summary>
/// Writes audit events to the <see cref="IAuditLog"/> in batches from a bounded queue, so that
/// a read-only request never waits for the log's write transaction (it waits only when the queue
/// is full); mutating actions are written at once (<see cref="WriteNowAsync"/>). Stopping writes
/// everything queued.
/// </summary>
public sealed partial class AuditTrail(IAuditLog log, ILogger<AuditTrail> logger) : BackgroundService
{
    private const int BatchSize = 256;
    private readonly Channel<AuditEvent> _queue = Channel.CreateBounded<AuditEvent>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ValueTask RecordAsync(AuditEvent audit, CancellationToken cancellationToken) => _queue.Writer.WriteAsync(audit, cancellationToken);

    /// <summary>
    /// Writes one event to the log at once (its own transaction), for actions whose record must
    /// not be lost to a crash after the client has its answer. If the log cannot be written, the
    /// event is queued (and the failure logged) rather than failing a request that already took effect.
    /// </summary>
    public async Task WriteNowAsync(AuditEvent audit, CancellationToken cancellationToken)
    {
        try
        {
            await log.AppendAsync([audit], cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogWriteFailed(ex, 1);
            await RecordAsync(audit, cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await WriteQueuedAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await WriteQueuedAsync(cancellationToken);
    }

    private async Task WriteQueuedAsync(CancellationToken cancellationToken)
    {
        var batch = new List<AuditEvent>(BatchSize);
        while (true)
        {
            batch.Clear();
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var audit))
            {
                batch.Add(audit);
            }
            if (batch.Count == 0)
            {
                return;
            }
            try
            {
                await log.AppendAsync(batch, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogWriteFailed(ex, batch.Count);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write {Count} audit event(s)")]
    private partial void LogWriteFailed(Exception error, int count);
}
