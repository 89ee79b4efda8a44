using Microsoft.Extensions.Logging;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Storage;

namespace PharmaRag.Storage.Sqlite;

/// <summary>
/// With the FTS5 keyword index selected (PharmaRag:Storage:KeywordIndex=sqlite): when the store
/// records that its chunks were last indexed by another keyword index, FTS5 missed those writes,
/// so it is rebuilt from the stored chunks at start-up, with progress logged. A data directory
/// with no record was indexed by FTS5 all along.
/// </summary>
public sealed partial class SqliteKeywordIndexInitializer(
    SqliteKeywordIndex index, IRagStore store, TimeProvider clock, ILogger<SqliteKeywordIndexInitializer> logger) : IStoreInitializer
{
    public const string SettingValue = "sqlite";

    private const int BatchSize = 1000;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    public string Description => "SQLite FTS5 keyword index (BM25)";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var recorded = await store.GetSettingAsync(KeywordIndexRecord.Setting, cancellationToken);
        if (recorded is null || recorded == SettingValue)
        {
            await store.SetSettingAsync(KeywordIndexRecord.Setting, SettingValue, cancellationToken);
            return;
        }
        LogRebuilding(recorded);
        await index.ClearAsync(cancellationToken);
        var started = clock.GetUtcNow();
        var lastReport = started;
        var done = 0;
        var batch = new List<Chunk>(BatchSize);
        await foreach (var chunk in store.ReadAllChunksAsync(cancellationToken))
        {
            batch.Add(chunk);
            if (batch.Count == BatchSize)
            {
                await index.IndexAsync(batch, cancellationToken);
                done += batch.Count;
                batch.Clear();
                if (clock.GetUtcNow() - lastReport >= ProgressInterval)
                {
                    lastReport = clock.GetUtcNow();
                    LogProgress(done, (lastReport - started).TotalSeconds);
                }
            }
        }
        await index.IndexAsync(batch, cancellationToken);
        done += batch.Count;
        await store.SetSettingAsync(KeywordIndexRecord.Setting, SettingValue, cancellationToken);
        LogRebuilt(done, (clock.GetUtcNow() - started).TotalSeconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Building the FTS5 keyword index from the stored chunks (keyword index on record: {Previous})")]
    private partial void LogRebuilding(string previous);

    [LoggerMessage(Level = LogLevel.Information, Message = "Keyword index rebuild: {Chunks} chunks indexed in {Seconds:0.0} s")]
    private partial void LogProgress(int chunks, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Keyword index rebuilt: {Chunks} chunks in {Seconds:0.0} s")]
    private partial void LogRebuilt(int chunks, double seconds);
}
