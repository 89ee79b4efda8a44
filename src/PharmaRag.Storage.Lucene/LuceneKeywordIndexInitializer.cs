using Microsoft.Extensions.Logging;
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
public sealed class LuceneKeywordIndexInitializer(
    LuceneKeywordIndex index, IRagStore store, TimeProvider clock, ILogger<LuceneKeywordIndexInitializer> logger) : IStoreInitializer
{
    public const string SettingValue = "lucene";

    public string Description => "Lucene.Net keyword index (BM25)";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var recorded = await store.GetSettingAsync(KeywordIndexRecord.Setting, cancellationToken);
        if (recorded == SettingValue && index.Count > 0)
        {
            return;
        }
        await KeywordIndexRebuild.RunAsync(store, index, ClearAsync, SettingValue, recorded ?? "sqlite (FTS5)", clock, logger, cancellationToken);
    }

    private Task ClearAsync(CancellationToken cancellationToken)
    {
        if (index.Count > 0)
        {
            index.Clear();
        }
        return Task.CompletedTask;
    }
}
