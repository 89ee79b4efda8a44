using System.Data;
using System.Runtime.InteropServices;
using Npgsql;
using PharmaRag.Core.Storage;
using PharmaRag.Core.Vectors;

namespace PharmaRag.Storage.Postgres;

/// <summary>
/// Chunk vectors live in PostgreSQL, the source of truth every replica shares; each replica
/// answers searches from its own in-process HNSW graph over them. Every write takes the next
/// generation under the row lock of vector_state and stamps the rows it writes (removals leave
/// tombstones), so writes commit in generation order. Before each search a replica reads the
/// current generation (one indexed row) and, when another replica has written since, applies
/// exactly the rows and tombstones newer than its own: no stale index after another replica
/// ingests or deletes. Writes only go to the database; the local graph catches up the same way.
/// </summary>
public sealed class PostgresVectorIndex(PostgresDatabase database) : IVectorIndex, IDisposable
{
    /// <summary>Up to this many vectors, search is exact (fast enough, and recall 1).</summary>
    public const int ExactSearchLimit = 4096;

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly VectorCatalog _catalog = new();
    private long _generation = -1;

    public Task UpsertAsync(IReadOnlyList<ChunkVector> vectors, CancellationToken cancellationToken) =>
        vectors.Count == 0
            ? Task.CompletedTask
            : WriteAsync(async (c, t, generation) =>
            {
                var last = vectors.GroupBy(v => v.ChunkId).Select(g => g.Last()).ToArray();
                var ids = last.Select(v => v.ChunkId).ToArray();
                await c.ExecuteAsync(t,
                    """
                    INSERT INTO chunk_vectors (chunk_id, document_id, vector, generation)
                    SELECT id, doc, vec, @g FROM unnest(@ids, @docs, @vecs) AS x(id, doc, vec)
                    ON CONFLICT (chunk_id) DO UPDATE SET document_id = excluded.document_id, vector = excluded.vector, generation = excluded.generation
                    """, cancellationToken,
                    ("g", generation), ("ids", ids), ("docs", last.Select(v => v.DocumentId).ToArray()),
                    ("vecs", last.Select(v => MemoryMarshal.AsBytes(v.Vector.Span).ToArray()).ToArray()));
                await c.ExecuteAsync(t, "DELETE FROM vector_tombstones WHERE chunk_id = ANY(@ids)", cancellationToken, ("ids", ids));
            }, cancellationToken);

    public Task RemoveAsync(IReadOnlyCollection<string> chunkIds, CancellationToken cancellationToken) =>
        chunkIds.Count == 0
            ? Task.CompletedTask
            : WriteAsync((c, t, generation) => BuryAsync(c, t, generation,
                "DELETE FROM chunk_vectors WHERE chunk_id = ANY(@key) RETURNING chunk_id", chunkIds.ToArray(), cancellationToken), cancellationToken);

    public Task RemoveDocumentAsync(string documentId, CancellationToken cancellationToken) =>
        WriteAsync((c, t, generation) => BuryAsync(c, t, generation,
            "DELETE FROM chunk_vectors WHERE document_id = @key RETURNING chunk_id", documentId, cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<ScoredChunkId>> SearchAsync(
        ReadOnlyMemory<float> query, int topK, IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken)
    {
        await CatchUpAsync(cancellationToken);
        _lock.EnterReadLock();
        try
        {
            return _catalog.Search(query.Span, topK, documentIds, ExactSearchLimit);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await CatchUpAsync(cancellationToken);
        _lock.EnterReadLock();
        try
        {
            return _catalog.LiveCount;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Nothing to save: each replica loads its graph from the shared table at start.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private Task WriteAsync(Func<NpgsqlConnection, NpgsqlTransaction, long, Task> work, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            // The row lock is held until commit, so generations commit in order.
            await using var next = c.Command("UPDATE vector_state SET generation = generation + 1 WHERE id = 1 RETURNING generation", t);
            var generation = (long)(await next.ExecuteScalarAsync(cancellationToken))!;
            await work(c, t, generation);
        }, cancellationToken);

    private static async Task BuryAsync(
        NpgsqlConnection c, NpgsqlTransaction t, long generation, string delete, object key, CancellationToken cancellationToken)
    {
        await using var command = c.Command(delete, t, ("key", key));
        var removed = await command.ReadListAsync(r => r.GetString(0), cancellationToken);
        await c.ExecuteAsync(t,
            """
            INSERT INTO vector_tombstones (chunk_id, generation) SELECT id, @g FROM unnest(@ids) AS x(id)
            ON CONFLICT (chunk_id) DO UPDATE SET generation = excluded.generation
            """, cancellationToken, ("g", generation), ("ids", removed.ToArray()));
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        var current = await database.ReadAsync(async c =>
        {
            await using var command = c.Command("SELECT generation FROM vector_state WHERE id = 1");
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }, cancellationToken);
        if (current == Interlocked.Read(ref _generation))
        {
            return;
        }
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (current != Interlocked.Read(ref _generation))
            {
                await ApplyChangesAsync(cancellationToken);
            }
        }
        finally
        {
            _refresh.Release();
        }
    }

    // One repeatable-read snapshot gives a generation and exactly the rows written up to it.
    private async Task ApplyChangesAsync(CancellationToken cancellationToken)
    {
        var since = Interlocked.Read(ref _generation);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using var state = connection.Command("SELECT generation FROM vector_state WHERE id = 1", transaction);
        var generation = (long)(await state.ExecuteScalarAsync(cancellationToken))!;
        await using var buried = connection.Command("SELECT chunk_id FROM vector_tombstones WHERE generation > @g", transaction, ("g", since));
        var removed = await buried.ReadListAsync(r => r.GetString(0), cancellationToken);
        await using var written = connection.Command(
            "SELECT chunk_id, document_id, vector FROM chunk_vectors WHERE generation > @g ORDER BY generation, chunk_id", transaction, ("g", since));
        var upserts = await written.ReadListAsync(
            r => (r.GetString(0), r.GetString(1), MemoryMarshal.Cast<byte, float>((byte[])r.GetValue(2)).ToArray()), cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        _lock.EnterWriteLock();
        try
        {
            foreach (var chunkId in removed)
            {
                _catalog.Remove(chunkId);
            }
            foreach (var (chunkId, documentId, vector) in upserts)
            {
                _catalog.Upsert(chunkId, documentId, vector);
            }
            Interlocked.Exchange(ref _generation, generation);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Dispose()
    {
        _lock.Dispose();
        _refresh.Dispose();
    }
}
