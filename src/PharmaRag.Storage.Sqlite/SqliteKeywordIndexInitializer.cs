using Microsoft.Extensions.Logging;
using PharmaRag.Core.Storage;

namespace PharmaRag.Storage.Sqlite;

/// <summary>
/// With the FTS5 keyword index selected (PharmaRag:Storage:KeywordIndex=sqlite): when the store
/// records that its chunks were last indexed by another keyword index, FTS5 missed those writes,
/// so it is rebuilt from the stored chunks at start-up, with progress logged. A data directory
/// with no record was indexed by FTS5 all along.
/// </summary>
public sealed class SqliteKeywordIndexInitializer(
    SqliteKeywordIndex index, IRagStore store, TimeProvider clock, ILogger<SqliteKeywordIndexInitializer> logger) : IStoreInitializer
{
    public const string SettingValue = "sqlite";

    public string Description => "SQLite FTS5 keyword index (BM25)";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var recorded = await store.GetSettingAsync(KeywordIndexRecord.Setting, cancellationToken);
        if (recorded is null || recorded == SettingValue)
        {
            await store.SetSettingAsync(KeywordIndexRecord.Setting, SettingValue, cancellationToken);
            return;
        }
        await KeywordIndexRebuild.RunAsync(store, index, index.ClearAsync, SettingValue, recorded, clock, logger, cancellationToken);
    }
}
