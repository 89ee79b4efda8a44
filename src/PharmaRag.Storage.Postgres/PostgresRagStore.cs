using System.Runtime.CompilerServices;
using System.Text.Json;
using Npgsql;
using PharmaRag.Core.Content;
using PharmaRag.Core.Documents;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Storage;

namespace PharmaRag.Storage.Postgres;

/// <summary>Documents, chunks and settings in PostgreSQL.</summary>
public sealed class PostgresRagStore(PostgresDatabase database, TimeProvider clock) : IRagStore
{
    private const string DocumentColumns =
        "id, key, file_name, media_type, size_bytes, status, step, progress, pages, chunks, error, created_at, updated_at, pending_steps";
    private const string ChunkColumns = "id, document_id, ordinal, text, tokens, page_spans, section, kind";

    public Task UpsertDocumentAsync(DocumentRecord d, CancellationToken cancellationToken) =>
        database.WriteAsync((c, t) => c.ExecuteAsync(t,
            $"""
            INSERT INTO documents ({DocumentColumns})
            VALUES (@id, @key, @file_name, @media_type, @size_bytes, @status, @step, @progress, @pages, @chunks, @error, @created_at, @updated_at, @pending_steps)
            ON CONFLICT (id) DO UPDATE SET key = excluded.key, file_name = excluded.file_name, media_type = excluded.media_type,
                size_bytes = excluded.size_bytes, status = excluded.status, step = excluded.step, progress = excluded.progress,
                pages = excluded.pages, chunks = excluded.chunks, error = excluded.error, updated_at = excluded.updated_at,
                pending_steps = excluded.pending_steps
            """, cancellationToken,
            ("id", d.Id), ("key", d.Key), ("file_name", d.FileName), ("media_type", d.MediaType), ("size_bytes", d.SizeBytes),
            ("status", d.Status.ToString()), ("step", d.Step), ("progress", d.Progress), ("pages", d.Pages), ("chunks", d.Chunks),
            ("error", d.Error), ("created_at", d.CreatedAt.ToUniversalTime()), ("updated_at", d.UpdatedAt.ToUniversalTime()),
            ("pending_steps", d.PendingSteps.ToArray())), cancellationToken);

    public async Task<DocumentRecord?> GetDocumentAsync(string id, CancellationToken cancellationToken) =>
        (await QueryDocumentsAsync("WHERE id = @v", ("v", id), cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<DocumentRecord>> GetDocumentsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        ids.Count == 0
            ? Task.FromResult<IReadOnlyList<DocumentRecord>>([])
            : QueryDocumentsAsync("WHERE id = ANY(@v)", ("v", ids.ToArray()), cancellationToken);

    public Task<IReadOnlyList<DocumentRecord>> ListDocumentsAsync(CancellationToken cancellationToken) =>
        QueryDocumentsAsync("", ("v", null), cancellationToken);

    public Task<IReadOnlyList<DocumentRecord>> FindDocumentsByKeyAsync(string key, CancellationToken cancellationToken) =>
        QueryDocumentsAsync("WHERE key = @v", ("v", key), cancellationToken);

    public Task<bool> UpdateStatusAsync(string id, DocumentStatusUpdate update, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            // Processing keeps the last error visible until it succeeds; Failed keeps the step it failed in.
            var step = update.Status switch
            {
                DocumentStatus.Processing => "@step",
                DocumentStatus.Failed => "COALESCE(@step, step)",
                _ => "NULL",
            };
            // Processed clears the error unless the update names one (a background step that failed for good).
            var error = update.Status is DocumentStatus.Processed ? "@error" : "COALESCE(@error, error)";
            await using var command = c.Command(
                $"""
                UPDATE documents SET status = @status, step = {step}, error = {error},
                    progress = COALESCE(@progress, progress), pages = COALESCE(@pages, pages),
                    chunks = COALESCE(@chunks, chunks), pending_steps = COALESCE(@pending_steps, pending_steps), updated_at = @now
                WHERE id = @id
                """, t);
            command.Parameters.AddWithValue("id", id);
            command.Parameters.AddWithValue("status", update.Status.ToString());
            command.Parameters.Add(new NpgsqlParameter<string?>("step", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = update.Step });
            command.Parameters.Add(new NpgsqlParameter<string?>("error", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = update.Error });
            command.Parameters.Add(new NpgsqlParameter("progress", NpgsqlTypes.NpgsqlDbType.Double) { Value = (object?)update.Progress ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("pages", NpgsqlTypes.NpgsqlDbType.Integer) { Value = (object?)update.Pages ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("chunks", NpgsqlTypes.NpgsqlDbType.Integer) { Value = (object?)update.Chunks ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("pending_steps", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text)
            {
                Value = (object?)update.PendingSteps?.ToArray() ?? DBNull.Value,
            });
            command.Parameters.AddWithValue("now", clock.GetUtcNow().ToUniversalTime());
            return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        }, cancellationToken);

    public Task UpsertChunksAsync(IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken) =>
        chunks.Count == 0
            ? Task.CompletedTask
            : database.WriteAsync(async (c, t) =>
            {
                await using var command = c.Command(
                    """
                    INSERT INTO chunks (id, document_id, ordinal, text, tokens, page_spans, section, kind)
                    SELECT * FROM unnest(@id, @document_id, @ordinal, @text, @tokens, @page_spans, @section, @kind)
                    ON CONFLICT (id) DO UPDATE SET text = excluded.text, tokens = excluded.tokens,
                        page_spans = excluded.page_spans, section = excluded.section, kind = excluded.kind
                    """, t);
                // The last write of a chunk id wins, as one-by-one upserts would.
                var last = chunks.GroupBy(x => x.Id).Select(g => g.Last()).ToArray();
                command.Parameters.AddWithValue("id", last.Select(x => x.Id).ToArray());
                command.Parameters.AddWithValue("document_id", last.Select(x => x.DocumentId).ToArray());
                command.Parameters.AddWithValue("ordinal", last.Select(x => x.Ordinal).ToArray());
                command.Parameters.AddWithValue("text", last.Select(x => PostgresText.Clean(x.Text)).ToArray());
                command.Parameters.AddWithValue("tokens", last.Select(x => x.Tokens).ToArray());
                command.Parameters.AddWithValue("page_spans", last.Select(x => JsonSerializer.Serialize(x.PageSpans.Select(s => new[] { s.Offset, s.Page }))).ToArray());
                command.Parameters.Add(new NpgsqlParameter("section", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text)
                {
                    Value = last.Select(x => PostgresText.CleanOrNull(x.Section)).ToArray(),
                });
                command.Parameters.AddWithValue("kind", last.Select(x => x.Kind.ToString()).ToArray());
                await command.ExecuteNonQueryAsync(cancellationToken);
            }, cancellationToken);

    public Task<IReadOnlyList<Chunk>> GetChunksAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        ids.Count == 0
            ? Task.FromResult<IReadOnlyList<Chunk>>([])
            : database.ReadAsync<IReadOnlyList<Chunk>>(async c =>
            {
                await using var command = c.Command($"SELECT {ChunkColumns} FROM chunks WHERE id = ANY(@ids)", null, ("ids", ids.ToArray()));
                return await command.ReadListAsync(ReadChunk, cancellationToken);
            }, cancellationToken);

    public Task<int> CountChunksAsync(string documentId, CancellationToken cancellationToken) =>
        database.ReadAsync(async c =>
        {
            await using var command = c.Command("SELECT COUNT(*) FROM chunks WHERE document_id = @d", null, ("d", documentId));
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
        }, cancellationToken);

    public Task<IReadOnlyList<string>> DeleteChunksFromAsync(string documentId, int fromOrdinal, CancellationToken cancellationToken) =>
        database.WriteAsync<IReadOnlyList<string>>(async (c, t) =>
        {
            await using var command = c.Command(
                "DELETE FROM chunks WHERE document_id = @d AND ordinal >= @o RETURNING id", t, ("d", documentId), ("o", fromOrdinal));
            return await command.ReadListAsync(r => r.GetString(0), cancellationToken);
        }, cancellationToken);

    public Task<bool> DeleteDocumentAsync(string id, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            await c.ExecuteAsync(t, "DELETE FROM chunks WHERE document_id = @id", cancellationToken, ("id", id));
            await c.ExecuteAsync(t, "DELETE FROM jobs WHERE document_id = @id", cancellationToken, ("id", id));
            await c.ExecuteAsync(t, "DELETE FROM step_runs WHERE document_id = @id", cancellationToken, ("id", id));
            await c.ExecuteAsync(t, "DELETE FROM content_lists WHERE document_id = @id", cancellationToken, ("id", id));
            return await c.ExecuteAsync(t, "DELETE FROM documents WHERE id = @id", cancellationToken, ("id", id)) > 0;
        }, cancellationToken);

    public async IAsyncEnumerable<Chunk> ReadAllChunksAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {ChunkColumns} FROM chunks ORDER BY document_id, ordinal");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return ReadChunk(reader);
        }
    }

    public Task<string?> GetSettingAsync(string key, CancellationToken cancellationToken) =>
        database.ReadAsync(async c =>
        {
            await using var command = c.Command("SELECT value FROM settings WHERE key = @k", null, ("k", key));
            return (string?)await command.ExecuteScalarAsync(cancellationToken);
        }, cancellationToken);

    public Task SetSettingAsync(string key, string value, CancellationToken cancellationToken) =>
        database.WriteAsync((c, t) => c.ExecuteAsync(t,
            "INSERT INTO settings (key, value) VALUES (@k, @v) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            cancellationToken, ("k", key), ("v", value)), cancellationToken);

    public Task SaveContentListAsync(string documentId, ParsedDocument content, CancellationToken cancellationToken) =>
        database.WriteAsync((c, t) => c.ExecuteAsync(t,
            "INSERT INTO content_lists (document_id, content) VALUES (@d, @c) ON CONFLICT (document_id) DO UPDATE SET content = excluded.content",
            cancellationToken, ("d", documentId), ("c", ContentListJson.Serialize(content))), cancellationToken);

    public Task<ParsedDocument?> GetContentListAsync(string documentId, CancellationToken cancellationToken) =>
        database.ReadAsync(async c =>
        {
            await using var command = c.Command("SELECT content FROM content_lists WHERE document_id = @d", null, ("d", documentId));
            return await command.ExecuteScalarAsync(cancellationToken) is byte[] json ? ContentListJson.Deserialize(json) : null;
        }, cancellationToken);

    public Task<IReadOnlyList<Chunk>> GetDocumentChunksAsync(string documentId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<Chunk>>(async c =>
        {
            await using var command = c.Command($"SELECT {ChunkColumns} FROM chunks WHERE document_id = @d ORDER BY ordinal", null, ("d", documentId));
            return await command.ReadListAsync(ReadChunk, cancellationToken);
        }, cancellationToken);

    private static Chunk ReadChunk(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetString(0),
        DocumentId = reader.GetString(1),
        Ordinal = reader.GetInt32(2),
        Text = reader.GetString(3),
        Tokens = reader.GetInt32(4),
        PageSpans = JsonSerializer.Deserialize<int[][]>(reader.GetString(5))!.Select(s => new PageSpan(s[0], s[1])).ToArray(),
        Section = reader.GetNullableString(6),
        Kind = Enum.Parse<Core.Content.BlockKind>(reader.GetString(7)),
    };

    private Task<IReadOnlyList<DocumentRecord>> QueryDocumentsAsync(string where, (string Name, object? Value) parameter, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<DocumentRecord>>(async c =>
        {
            await using var command = c.Command($"SELECT {DocumentColumns} FROM documents {where} ORDER BY created_at, id");
            if (where.Length > 0)
            {
                command.Parameters.AddWithValue(parameter.Name, parameter.Value!);
            }
            return await command.ReadListAsync(r => new DocumentRecord
            {
                Id = r.GetString(0),
                Key = r.GetString(1),
                FileName = r.GetString(2),
                MediaType = r.GetString(3),
                SizeBytes = r.GetInt64(4),
                Status = Enum.Parse<DocumentStatus>(r.GetString(5)),
                Step = r.GetNullableString(6),
                Progress = r.GetDouble(7),
                Pages = r.GetInt32(8),
                Chunks = r.GetInt32(9),
                Error = r.GetNullableString(10),
                CreatedAt = r.GetFieldValue<DateTimeOffset>(11),
                UpdatedAt = r.GetFieldValue<DateTimeOffset>(12),
                PendingSteps = r.GetFieldValue<string[]>(13),
            }, cancellationToken);
        }, cancellationToken);
}
