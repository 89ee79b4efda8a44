using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Content;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Storage;
using PharmaRag.Server.Contracts;
using PharmaRag.Server.Uploads;

namespace PharmaRag.Gateway.Forwarding;

/// <summary>
/// The original's document_processor Lambda: an object-created event for a key that matches the
/// processing filter starts compute if needed and asks it to process the key. Events are queued
/// and handled in the background, as S3 delivers them; compute then stops when idle.
/// </summary>
public sealed partial class ObjectCreatedDispatcher(
    ComputeForwarder forwarder,
    AutoProcessingFilter autoProcessing,
    ILogger<ObjectCreatedDispatcher> logger) : BackgroundService, IUploadListener
{
    private const int MaxAttempts = 3;
    private readonly Channel<string> _keys = Channel.CreateUnbounded<string>();

    /// <summary>Queues the key when it is to be processed; returns whether it was.</summary>
    public bool Enqueue(string key)
    {
        return autoProcessing.ShouldProcess(key) && _keys.Writer.TryWrite(key);
    }

    public Task<DocumentResponse?> OnUploadedAsync(ObjectInfo uploaded, CancellationToken cancellationToken)
    {
        Enqueue(uploaded.Key);
        // The document id is the upload's SHA-256, which the client already has from the response.
        return Task.FromResult<DocumentResponse?>(null);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var key in _keys.Reader.ReadAllAsync(stoppingToken))
        {
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                try
                {
                    var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { key }));
                    var response = await forwarder.SendAsync(HttpMethod.Post, "/process", body, "application/json", stoppingToken);
                    LogDispatched(key, response.StatusCode);
                    if (response.StatusCode < 500)
                    {
                        break;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogDispatchFailed(ex, key, attempt);
                }
                if (attempt < MaxAttempts)
                {
                    await Task.Delay(TimeSpan.FromSeconds(attempt * 2), stoppingToken);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Object {Key} sent to compute for processing: {StatusCode}")]
    private partial void LogDispatched(string key, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send object {Key} to compute (attempt {Attempt})")]
    private partial void LogDispatchFailed(Exception error, string key, int attempt);
}
