using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Storage;
using PharmaRag.Models;
using PharmaRag.Storage.FileSystem;

namespace PharmaRag.Server.Hosting;

/// <summary>
/// Opens the data directory for work: migrates stores, logs which implementation serves each
/// port, and makes jobs that a previous (crashed) process held runnable again. The caller must
/// hold the data directory lock, so no other process can own those jobs.
/// </summary>
public sealed partial class PharmaRagStartup(
    IOptions<StorageOptions> storage,
    IOptions<GraphOptions> graph,
    IEnumerable<IStoreInitializer> initializers,
    IObjectStore objects,
    IJobQueue jobs,
    EmbeddingModelGuard embeddingModel,
    ChunkEmbedder embedder,
    ModelSelection models,
    ILogger<PharmaRagStartup> logger)
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once <see cref="RunAsync"/> has migrated every store: what background work waits for.</summary>
    public Task Ready => _ready.Task;

    public async Task RunAsync(bool releaseJobs, CancellationToken cancellationToken, bool checkEmbeddingModel = true)
    {
        // Commands that run without the web host validate their options here.
        _ = storage.Value;
        _ = graph.Value;
        foreach (var initializer in initializers)
        {
            await initializer.InitializeAsync(cancellationToken);
            LogBound("store", initializer.Description);
        }
        if (checkEmbeddingModel)
        {
            await embeddingModel.CheckAsync(cancellationToken);
        }
        LogBound("embeddings", embedder.ModelSignature);
        LogBound("object store", objects.Description);
        LogBound("embedding model", models.EmbeddingDescription);
        LogBound("chat model", models.ChatDescription);
        if (releaseJobs && objects is FileSystemObjectStore local && local.RemovePartialUploads() is > 0 and var partial)
        {
            LogPartialUploads(partial);
        }
        if (releaseJobs)
        {
            var released = await jobs.ReleaseAllLeasesAsync(cancellationToken);
            if (released > 0)
            {
                LogResumed(released);
            }
        }
        _ready.TrySetResult();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Using {Port}: {Implementation}")]
    private partial void LogBound(string port, string implementation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Files} partial upload(s) left by an interrupted upload")]
    private partial void LogPartialUploads(int files);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming {Jobs} job(s) interrupted by a previous stop")]
    private partial void LogResumed(int jobs);
}
