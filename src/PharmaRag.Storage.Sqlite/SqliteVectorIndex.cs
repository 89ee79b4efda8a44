using System.Runtime.InteropServices;
using PharmaRag.Core.Storage;
using PharmaRag.Core.Vectors;

namespace PharmaRag.Storage.Sqlite;

/// <summary>
/// Chunk vectors live in SQLite (the source of truth); an in-process HNSW graph over them
/// answers searches and is persisted next to the database, so a restart loads it instead of
/// rebuilding. Small sets and document-scoped searches are exact.
/// </summary>
public sealed class SqliteVectorIndex(SqliteDatabase database) : IVectorIndex, IDisposable
{
    /// <summary>Up to this many vectors, search is exact (fast enough, and recall 1).</summary>
    public const int ExactSearchLimit = 4096;

    private readonly SemaphoreSlim _load = new(1, 1);
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly string _graphPath = Path.Combine(Path.GetDirectoryName(database.Path)!, "vectors.hnsw");
    private VectorCatalog? _catalog;
    private bool _dirty;

    public Task UpsertAsync(IReadOnlyList<ChunkVector> vectors, CancellationToken cancellationToken) =>
        vectors.Count == 0 ? Task.CompletedTask : UpsertCoreAsync(vectors, cancellationToken);

    private async Task UpsertCoreAsync(IReadOnlyList<ChunkVector> vectors, CancellationToken cancellationToken)
    {
        var catalog = await CatalogAsync(cancellationToken);
        await database.WriteAsync(async (c, t) =>
        {
            await using var command = c.Command(
                """
                INSERT INTO chunk_vectors (chunk_id, document_id, vector) VALUES ($c, $d, $v)
                ON CONFLICT(chunk_id) DO UPDATE SET document_id = excluded.document_id, vector = excluded.vector
                """, t);
            var chunk = command.Parameters.AddWithValue("$c", "");
            var document = command.Parameters.AddWithValue("$d", "");
            var vector = command.Parameters.AddWithValue("$v", Array.Empty<byte>());
            foreach (var entry in vectors)
            {
                chunk.Value = entry.ChunkId;
                document.Value = entry.DocumentId;
                vector.Value = MemoryMarshal.AsBytes(entry.Vector.Span).ToArray();
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            await InvalidateSavedGraphAsync(c, t, cancellationToken);
        }, cancellationToken);
        Write(() =>
        {
            foreach (var entry in vectors)
            {
                catalog.Upsert(entry.ChunkId, entry.DocumentId, entry.Vector.Span);
            }
        });
    }

    public async Task RemoveAsync(IReadOnlyCollection<string> chunkIds, CancellationToken cancellationToken)
    {
        if (chunkIds.Count == 0)
        {
            return;
        }
        var catalog = await CatalogAsync(cancellationToken);
        await database.WriteAsync(async (c, t) =>
        {
            await using var command = c.Command("", t);
            command.CommandText = $"DELETE FROM chunk_vectors WHERE chunk_id IN ({command.AddList("c", chunkIds)})";
            await command.ExecuteNonQueryAsync(cancellationToken);
            await InvalidateSavedGraphAsync(c, t, cancellationToken);
        }, cancellationToken);
        Write(() =>
        {
            foreach (var id in chunkIds)
            {
                catalog.Remove(id);
            }
        });
    }

    public async Task RemoveDocumentAsync(string documentId, CancellationToken cancellationToken)
    {
        var catalog = await CatalogAsync(cancellationToken);
        await database.WriteAsync(async (c, t) =>
        {
            await using var command = c.Command("DELETE FROM chunk_vectors WHERE document_id = $d", t, ("$d", documentId));
            await command.ExecuteNonQueryAsync(cancellationToken);
            await InvalidateSavedGraphAsync(c, t, cancellationToken);
        }, cancellationToken);
        Write(() => catalog.RemoveDocument(documentId));
    }

    public async Task<IReadOnlyList<ScoredChunkId>> SearchAsync(
        ReadOnlyMemory<float> query, int topK, IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken)
    {
        var catalog = await CatalogAsync(cancellationToken);
        _lock.EnterReadLock();
        try
        {
            return catalog.Search(query.Span, topK, documentIds, ExactSearchLimit);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken) => (await CatalogAsync(cancellationToken)).LiveCount;

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_catalog is not { } catalog || !_dirty)
        {
            return;
        }
        var generation = Guid.NewGuid().ToString("N");
        _lock.EnterReadLock();
        try
        {
            var temp = _graphPath + ".tmp";
            using (var writer = new BinaryWriter(File.Create(temp)))
            {
                writer.Write(generation);
                catalog.Save(writer);
            }
            File.Move(temp, _graphPath, overwrite: true);
            _dirty = false;
        }
        finally
        {
            _lock.ExitReadLock();
        }
        // The setting names the graph file that matches the table; a crash before this line
        // leaves a mismatch, and the next start rebuilds instead of trusting a stale graph.
        await SetGenerationAsync(generation, cancellationToken);
    }

    private void Write(Action change)
    {
        _lock.EnterWriteLock();
        try
        {
            change();
            _dirty = true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private async Task<VectorCatalog> CatalogAsync(CancellationToken cancellationToken)
    {
        if (_catalog is { } ready)
        {
            return ready;
        }
        await _load.WaitAsync(cancellationToken);
        try
        {
            if (_catalog is null)
            {
                var stored = await ReadAllAsync(cancellationToken);
                var generation = await GetGenerationAsync(cancellationToken);
                var (catalog, rebuilt) = VectorCatalog.Open(stored, _graphPath, generation);
                _dirty = rebuilt && stored.Count > 0;
                _catalog = catalog;
            }
            return _catalog;
        }
        finally
        {
            _load.Release();
        }
    }

    private Task<List<(string ChunkId, string DocumentId, float[] Vector)>> ReadAllAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(async c =>
        {
            var all = new List<(string, string, float[])>();
            await using var command = c.Command("SELECT chunk_id, document_id, vector FROM chunk_vectors ORDER BY rowid");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var bytes = (byte[])reader.GetValue(2);
                all.Add((reader.GetString(0), reader.GetString(1), MemoryMarshal.Cast<byte, float>(bytes).ToArray()));
            }
            return all;
        }, cancellationToken);

    // Any change to the vectors makes the saved graph stale until the next flush saves a new one;
    // dropping its generation in the same transaction means a crash can never leave a stale graph trusted.
    private static async Task InvalidateSavedGraphAsync(
        Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("DELETE FROM settings WHERE key = 'vector_graph_generation'", transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private Task<string?> GetGenerationAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(async c =>
        {
            await using var command = c.Command("SELECT value FROM settings WHERE key = 'vector_graph_generation'");
            return (string?)await command.ExecuteScalarAsync(cancellationToken);
        }, cancellationToken);

    private Task SetGenerationAsync(string generation, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            await using var command = c.Command(
                "INSERT INTO settings (key, value) VALUES ('vector_graph_generation', $g) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                t, ("$g", generation));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public void Dispose() => _lock.Dispose();
}
