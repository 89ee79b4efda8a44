using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PharmaRag.Core.Content;
using PharmaRag.Core.Documents;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Storage;

namespace PharmaRag.Storage.Sqlite;

/// <summary>Documents and chunks in the embedded SQLite database.</summary>
public sealed class SqliteRagStore(SqliteDatabase database, TimeProvider clock) : IRagStore
{
    private const string DocumentColumns =
        "id, key, file_name, media_type, size_bytes, status, step, progress, pages, chunks, error, created_at, updated_at, pending_steps";

    public Task UpsertDocumentAsync(DocumentRecord d, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            await using var command = c.Command(
                $"""
                INSERT INTO documents ({DocumentColumns})
                VALUES ($id, $key, $file_name, $media_type, $size_bytes, $status, $step, $progress, $pages, $chunks, $error, $created_at, $updated_at, $pending_steps)
                ON CONFLICT(id) DO UPDATE SET key = excluded.key, file_name = excluded.file_name, media_type = excluded.media_type,
                    size_bytes = excluded.size_bytes, status = excluded.status, step = excluded.step, progress = excluded.progress,
                    pages = excluded.pages, chunks = excluded.chunks, error = excluded.error, updated_at = excluded.updated_at,
                    pending_steps = excluded.pending_steps
                """,
                t,
                ("$id", d.Id), ("$key", d.Key), ("$file_name", d.FileName), ("$media_type", d.MediaType),
                ("$size_bytes", d.SizeBytes), ("$status", d.Status.ToString()), ("$step", d.Step), ("$progress", d.Progress),
                ("$pages", d.Pages), ("$chunks", d.Chunks), ("$error", d.Error),
                ("$created_at", Format(d.CreatedAt)), ("$updated_at", Format(d.UpdatedAt)),
                ("$pending_steps", string.Join(',', d.PendingSteps)));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public async Task<DocumentRecord?> GetDocumentAsync(string id, CancellationToken cancellationToken) =>
        (await QueryDocumentsAsync("WHERE id = $v", id, cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<DocumentRecord>> ListDocumentsAsync(CancellationToken cancellationToken) =>
        QueryDocumentsAsync("", null, cancellationToken);

    public async Task<IReadOnlyList<DocumentRecord>> GetDocumentsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var found = new List<DocumentRecord>(ids.Count);
        // SQLite limits bound parameters per statement; 500 stays well inside it.
        foreach (var slice in ids.Chunk(500))
        {
            found.AddRange(await QueryDocumentsAsync(command => $"WHERE id IN ({command.AddList("i", slice)})", cancellationToken));
        }
        return found;
    }

    public Task<IReadOnlyList<DocumentRecord>> FindDocumentsByKeyAsync(string key, CancellationToken cancellationToken) =>
        QueryDocumentsAsync("WHERE key = $v", key, cancellationToken);

    public Task<bool> UpdateStatusAsync(string id, DocumentStatusUpdate update, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            // Processing keeps the last error visible until it succeeds; Failed keeps the step it failed in.
            var step = update.Status switch
            {
                DocumentStatus.Processing => "$step",
                DocumentStatus.Failed => "COALESCE($step, step)",
                _ => "NULL",
            };
            // Processed clears the error unless the update names one (a background step that failed for good).
            var error = update.Status is DocumentStatus.Processed ? "$error" : "COALESCE($error, error)";
            await using var command = c.Command(
                $"""
                UPDATE documents SET status = $status, step = {step}, error = {error},
                    progress = COALESCE($progress, progress), pages = COALESCE($pages, pages),
                    chunks = COALESCE($chunks, chunks), pending_steps = COALESCE($pending_steps, pending_steps), updated_at = $now
                WHERE id = $id
                """,
                t,
                ("$id", id), ("$status", update.Status.ToString()), ("$step", update.Step), ("$error", update.Error),
                ("$progress", update.Progress), ("$pages", update.Pages), ("$chunks", update.Chunks),
                ("$pending_steps", update.PendingSteps is { } pending ? string.Join(',', pending) : null),
                ("$now", Format(clock.GetUtcNow())));
            return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        }, cancellationToken);

    public Task UpsertChunksAsync(IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            await using var command = c.Command(
                """
                INSERT INTO chunks (id, document_id, ordinal, text, tokens, page_spans, section, kind)
                VALUES ($id, $document_id, $ordinal, $text, $tokens, $page_spans, $section, $kind)
                ON CONFLICT(id) DO UPDATE SET text = excluded.text, tokens = excluded.tokens,
                    page_spans = excluded.page_spans, section = excluded.section, kind = excluded.kind
                """, t);
            var parameters = new[] { "$id", "$document_id", "$ordinal", "$text", "$tokens", "$page_spans", "$section", "$kind" }
                .Select(name => command.Parameters.Add(name, SqliteType.Text)).ToArray();
            foreach (var chunk in chunks)
            {
                parameters[0].Value = chunk.Id;
                parameters[1].Value = chunk.DocumentId;
                parameters[2].Value = chunk.Ordinal;
                parameters[3].Value = chunk.Text;
                parameters[4].Value = chunk.Tokens;
                parameters[5].Value = JsonSerializer.Serialize(chunk.PageSpans.Select(s => new[] { s.Offset, s.Page }));
                parameters[6].Value = (object?)chunk.Section ?? DBNull.Value;
                parameters[7].Value = chunk.Kind.ToString();
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }, cancellationToken);

    public Task<IReadOnlyList<Chunk>> GetChunksAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<Chunk>>(async c =>
        {
            if (ids.Count == 0)
            {
                return [];
            }
            await using var command = c.CreateCommand();
            command.CommandText =
                $"SELECT id, document_id, ordinal, text, tokens, page_spans, section, kind FROM chunks WHERE id IN ({command.AddList("c", ids)})";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var chunks = new List<Chunk>(ids.Count);
            while (await reader.ReadAsync(cancellationToken))
            {
                chunks.Add(ReadChunk(reader));
            }
            return chunks;
        }, cancellationToken);

    public Task<int> CountChunksAsync(string documentId, CancellationToken cancellationToken) =>
        database.ReadAsync(async c =>
        {
            await using var command = c.Command("SELECT COUNT(*) FROM chunks WHERE document_id = $d", null, ("$d", documentId));
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
        }, cancellationToken);

    public Task<IReadOnlyList<string>> DeleteChunksFromAsync(string documentId, int fromOrdinal, CancellationToken cancellationToken) =>
        database.WriteAsync<IReadOnlyList<string>>(async (c, t) =>
        {
            var ids = new List<string>();
            await using var command = c.Command(
                "DELETE FROM chunks WHERE document_id = $d AND ordinal >= $o RETURNING id", t, ("$d", documentId), ("$o", fromOrdinal));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetString(0));
            }
            return ids;
        }, cancellationToken);

    public Task<bool> DeleteDocumentAsync(string id, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            await using (var chunks = c.Command("DELETE FROM chunks WHERE document_id = $id", t, ("$id", id)))
            {
                await chunks.ExecuteNonQueryAsync(cancellationToken);
            }
            foreach (var table in new[] { "jobs", "step_runs", "content_lists" })
            {
                await using var derived = c.Command($"DELETE FROM {table} WHERE document_id = $id", t, ("$id", id));
                await derived.ExecuteNonQueryAsync(cancellationToken);
            }
            await using var document = c.Command("DELETE FROM documents WHERE id = $id", t, ("$id", id));
            return await document.ExecuteNonQueryAsync(cancellationToken) > 0;
        }, cancellationToken);

    public async IAsyncEnumerable<Chunk> ReadAllChunksAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT id, document_id, ordinal, text, tokens, page_spans, section, kind FROM chunks ORDER BY document_id, ordinal");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return ReadChunk(reader);
        }
    }

    public Task<string?> GetSettingAsync(string key, CancellationToken cancellationToken) =>
        database.ReadAsync(async c =>
        {
            await using var command = c.Command("SELECT value FROM settings WHERE key = $k", null, ("$k", key));
            return (string?)await command.ExecuteScalarAsync(cancellationToken);
        }, cancellationToken);

    public Task SetSettingAsync(string key, string value, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            await using var command = c.Command(
                "INSERT INTO settings (key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                t, ("$k", key), ("$v", value));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task SaveContentListAsync(string documentId, ParsedDocument content, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            await using var command = c.Command(
                "INSERT INTO content_lists (document_id, content) VALUES ($d, $c) ON CONFLICT(document_id) DO UPDATE SET content = excluded.content",
                t, ("$d", documentId), ("$c", ContentListJson.Serialize(content)));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task<ParsedDocument?> GetContentListAsync(string documentId, CancellationToken cancellationToken) =>
        database.ReadAsync(async c =>
        {
            await using var command = c.Command("SELECT content FROM content_lists WHERE document_id = $d", null, ("$d", documentId));
            return await command.ExecuteScalarAsync(cancellationToken) is byte[] json ? ContentListJson.Deserialize(json) : null;
        }, cancellationToken);

    public Task<IReadOnlyList<Chunk>> GetDocumentChunksAsync(string documentId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<Chunk>>(async c =>
        {
            await using var command = c.Command(
                "SELECT id, document_id, ordinal, text, tokens, page_spans, section, kind FROM chunks WHERE document_id = $d ORDER BY ordinal",
                null, ("$d", documentId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var chunks = new List<Chunk>();
            while (await reader.ReadAsync(cancellationToken))
            {
                chunks.Add(ReadChunk(reader));
            }
            return chunks;
        }, cancellationToken);

    private static Chunk ReadChunk(SqliteDataReader reader) => new()
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

    private Task<IReadOnlyList<DocumentRecord>> QueryDocumentsAsync(string where, string? value, CancellationToken cancellationToken) =>
        QueryDocumentsAsync(command =>
        {
            command.Parameters.AddWithValue("$v", (object?)value ?? DBNull.Value);
            return where;
        }, cancellationToken);

    private Task<IReadOnlyList<DocumentRecord>> QueryDocumentsAsync(Func<SqliteCommand, string> where, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<DocumentRecord>>(async c =>
        {
            await using var command = c.CreateCommand();
            command.CommandText = $"SELECT {DocumentColumns} FROM documents {where(command)} ORDER BY created_at, id";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var documents = new List<DocumentRecord>();
            while (await reader.ReadAsync(cancellationToken))
            {
                documents.Add(new DocumentRecord
                {
                    Id = reader.GetString(0),
                    Key = reader.GetString(1),
                    FileName = reader.GetString(2),
                    MediaType = reader.GetString(3),
                    SizeBytes = reader.GetInt64(4),
                    Status = Enum.Parse<DocumentStatus>(reader.GetString(5)),
                    Step = reader.GetNullableString(6),
                    Progress = reader.GetDouble(7),
                    Pages = reader.GetInt32(8),
                    Chunks = reader.GetInt32(9),
                    Error = reader.GetNullableString(10),
                    CreatedAt = Parse(reader.GetString(11)),
                    UpdatedAt = Parse(reader.GetString(12)),
                    PendingSteps = reader.GetString(13) is { Length: > 0 } pending ? pending.Split(',') : [],
                });
            }
            return documents;
        }, cancellationToken);

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
