using Microsoft.Extensions.Logging;
using PharmaRag.Core.Ingestion;

namespace PharmaRag.Core.Storage;

/// <summary>
/// Re-indexes every stored chunk into a keyword index at start-up, in batches, with progress
/// logged (counts and seconds, never text). The index is cleared first, so chunks deleted while
/// another keyword index was in use do not linger, and the store records the index as the one on
/// record (<see cref="KeywordIndexRecord.Setting"/>) only once the last batch is written: an
/// interrupted rebuild starts over at the next start.
/// </summary>
public static partial class KeywordIndexRebuild
{
    private const int BatchSize = 1000;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    /// <summary>Rebuilds <paramref name="index"/> from <paramref name="store"/>; returns the chunks indexed.</summary>
    public static async Task<int> RunAsync(
        IRagStore store,
        IKeywordIndex index,
        Func<CancellationToken, Task> clear,
        string settingValue,
        string previous,
        TimeProvider clock,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        await using var chunks = store.ReadAllChunksAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        var any = await chunks.MoveNextAsync();
        await clear(cancellationToken);
        var done = 0;
        if (any)
        {
            LogRebuilding(logger, settingValue, previous);
            var started = clock.GetUtcNow();
            var lastReport = started;
            var batch = new List<Chunk>(BatchSize);
            do
            {
                batch.Add(chunks.Current);
                if (batch.Count == BatchSize)
                {
                    await index.IndexAsync(batch, cancellationToken);
                    done += batch.Count;
                    batch.Clear();
                    if (clock.GetUtcNow() - lastReport >= ProgressInterval)
                    {
                        lastReport = clock.GetUtcNow();
                        LogProgress(logger, done, (lastReport - started).TotalSeconds);
                    }
                }
            }
            while (await chunks.MoveNextAsync());
            await index.IndexAsync(batch, cancellationToken);
            done += batch.Count;
            LogRebuilt(logger, done, (clock.GetUtcNow() - started).TotalSeconds);
        }
        await store.SetSettingAsync(KeywordIndexRecord.Setting, settingValue, cancellationToken);
        return done;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Building the {KeywordIndex} keyword index from the stored chunks (keyword index on record: {Previous})")]
    private static partial void LogRebuilding(ILogger logger, string keywordIndex, string previous);

    [LoggerMessage(Level = LogLevel.Information, Message = "Keyword index rebuild: {Chunks} chunks indexed in {Seconds:0.0} s")]
    private static partial void LogProgress(ILogger logger, int chunks, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Keyword index rebuilt: {Chunks} chunks in {Seconds:0.0} s")]
    private static partial void LogRebuilt(ILogger logger, int chunks, double seconds);
}
