using Microsoft.Extensions.Logging;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Storage;

namespace PharmaRag.Storage.Lucene;

/// <summary>
/// Brings the Lucene keyword index up to date with the store at start-up: a data directory that
/// was indexed by another keyword index (FTS5, before this one was the default, or with
/// PharmaRag:Storage:KeywordIndex=sqlite since), or whose index folder is missing or empty while
/// the store holds chunks, is re-indexed from the stored chunks, with progress logged. The store
/// setting <see cref="KeywordIndexRecord.Setting"/> records which index the chunks were last written to;
/// it is set only once the rebuild is committed, so an interrupted rebuild starts over.
/// </summary>
public sealed partial class LuceneKeywordIndexInitializer(
    LuceneKeywordIndex index, IRagStore store, TimeProvider clock, ILogger<LuceneKeywordIndexInitializer> logger) : IStoreInitializer
{
    public const string SettingValue = "lucene";

    private const int BatchSize = 1000;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    public string Description => "Lucene.Net keyword index (BM25)";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var recorded = await store.GetSettingAsync(KeywordIndexRecord.Setting, cancellationToken);
        if (recorded == SettingValue && index.Count > 0)
        {
            return;
        }
        await using var chunks = store.ReadAllChunksAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        if (!await chunks.MoveNextAsync())
        {
            if (index.Count > 0)
            {
                index.Clear(); // left from chunks since deleted under another keyword index
            }
            await store.SetSettingAsync(KeywordIndexRecord.Setting, SettingValue, cancellationToken);
            return;
        }
        LogRebuilding(recorded ?? "sqlite (FTS5)", index.Count);
        index.Clear();
        var started = clock.GetUtcNow();
        var lastReport = started;
        var done = 0;
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
                    LogProgress(done, (lastReport - started).TotalSeconds);
                }
            }
        }
        while (await chunks.MoveNextAsync());
        await index.IndexAsync(batch, cancellationToken);
        done += batch.Count;
        await store.SetSettingAsync(KeywordIndexRecord.Setting, SettingValue, cancellationToken);
        LogRebuilt(done, (clock.GetUtcNow() - started).TotalSeconds);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Building the Lucene keyword index from the stored chunks (keyword index on record: {Previous}; chunks in the Lucene index: {Existing})")]
    private partial void LogRebuilding(string previous, int existing);

    [LoggerMessage(Level = LogLevel.Information, Message = "Keyword index rebuild: {Chunks} chunks indexed in {Seconds:0.0} s")]
    private partial void LogProgress(int chunks, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Keyword index rebuilt: {Chunks} chunks in {Seconds:0.0} s")]
    private partial void LogRebuilt(int chunks, double seconds);
}
