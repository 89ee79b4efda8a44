using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Storage;
using PharmaRag.Core.Text;

namespace PharmaRag.Storage.Postgres;

/// <summary>
/// BM25 keyword search computed in SQL, with the parameters and idf of SQLite FTS5's bm25()
/// (k1 1.2, b 0.75, idf floored at 1e-6) so that both stores rank alike. PostgreSQL's English
/// text-search parser tokenizes and stems; biomedical compounds ("5-FU", "IL-6", "mg/kg") are
/// indexed whole as extra terms next to their parts, as the SQLite index searches them as
/// phrases, so a chunk that has the compound outranks one with only its parts. Query text only
/// ever passes through to_tsvector and parameters, never the tsquery syntax. A query reads only
/// the postings of its own terms (from the covering primary key) and the corpus statistics row
/// that every write maintains, so its cost grows with the postings it needs, not the corpus.
/// </summary>
public sealed class PostgresKeywordIndex(PostgresDatabase database) : IKeywordIndex
{
    public Task IndexAsync(IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken) =>
        chunks.Count == 0
            ? Task.CompletedTask
            : database.WriteAsync(async (c, t) =>
            {
                var last = chunks.GroupBy(x => x.Id).Select(g => g.Last()).ToArray();
                var ids = last.Select(x => x.Id).ToArray();
                var texts = last.Select(x => PostgresText.Clean(x.Section is null ? x.Text : x.Section + "\n" + x.Text)).ToArray();
                var compounds = last.Zip(texts).SelectMany(p => Compounds(p.Second).GroupBy(t => t).Select(g => (p.First.Id, Term: g.Key, Tf: g.Count())))
                    .ToArray();
                await c.ExecuteAsync(t, "DELETE FROM keyword_terms WHERE chunk_id = ANY(@ids)", cancellationToken, ("ids", ids));
                await c.ExecuteAsync(t, RemoveDocs("chunk_id = ANY(@ids)"), cancellationToken, ("ids", ids));
                await c.ExecuteAsync(t,
                    """
                    WITH c AS (
                        SELECT id, doc, to_tsvector('english', text) AS v FROM unnest(@ids, @docs, @texts) AS x(id, doc, text)),
                    d AS (
                        INSERT INTO keyword_docs (chunk_id, document_id, length)
                        SELECT id, doc, COALESCE((SELECT max(p) FROM unnest(c.v) u, unnest(u.positions) p), 0) FROM c
                        ON CONFLICT (chunk_id) DO NOTHING
                        RETURNING length),
                    s AS (
                        UPDATE keyword_stats SET chunks = chunks + (SELECT COUNT(*) FROM d),
                                                 total_length = total_length + (SELECT COALESCE(SUM(length), 0) FROM d))
                    INSERT INTO keyword_terms (term, chunk_id, tf)
                    SELECT u.lexeme, c.id, COALESCE(array_length(u.positions, 1), 1) FROM c, unnest(c.v) u
                    UNION ALL
                    SELECT * FROM unnest(@compound_terms, @compound_chunks, @compound_tfs)
                    ON CONFLICT (term, chunk_id) DO NOTHING
                    """, cancellationToken,
                    ("ids", ids), ("docs", last.Select(x => x.DocumentId).ToArray()), ("texts", texts),
                    ("compound_terms", compounds.Select(x => x.Term).ToArray()), ("compound_chunks", compounds.Select(x => x.Id).ToArray()),
                    ("compound_tfs", compounds.Select(x => x.Tf).ToArray()));
            }, cancellationToken);

    public Task RemoveAsync(IReadOnlyCollection<string> chunkIds, CancellationToken cancellationToken) =>
        chunkIds.Count == 0
            ? Task.CompletedTask
            : database.WriteAsync(async (c, t) =>
            {
                var ids = chunkIds.ToArray();
                await c.ExecuteAsync(t, "DELETE FROM keyword_terms WHERE chunk_id = ANY(@ids)", cancellationToken, ("ids", ids));
                await c.ExecuteAsync(t, RemoveDocs("chunk_id = ANY(@ids)"), cancellationToken, ("ids", ids));
            }, cancellationToken);

    public Task RemoveDocumentAsync(string documentId, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            await c.ExecuteAsync(t,
                "DELETE FROM keyword_terms WHERE chunk_id IN (SELECT chunk_id FROM keyword_docs WHERE document_id = @d)",
                cancellationToken, ("d", documentId));
            await c.ExecuteAsync(t, RemoveDocs("document_id = @d"), cancellationToken, ("d", documentId));
        }, cancellationToken);

    public Task<IReadOnlyList<ScoredChunkId>> SearchAsync(
        string query, int topK, IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken) =>
        // Equal scores in natural chunk-id order (ChunkOrder), as every keyword index orders them.
        ChunkOrder.TopAsync(topK, k => SearchRowsAsync(query, k, documentIds, cancellationToken));

    private Task<IReadOnlyList<ScoredChunkId>> SearchRowsAsync(
        string query, int topK, IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<ScoredChunkId>>(async c =>
        {
            var scoped = documentIds is { Count: > 0 };
            await using var command = c.Command(
                $"""
                WITH q AS MATERIALIZED (
                    SELECT ARRAY(SELECT lexeme FROM unnest(to_tsvector('english', @query)) UNION SELECT unnest(@compounds)) AS terms),
                p AS MATERIALIZED (
                    SELECT t.term, t.chunk_id, t.tf FROM q, keyword_terms t WHERE t.term = ANY(q.terms)),
                df AS (SELECT term, COUNT(*)::float8 AS df FROM p GROUP BY term),
                n AS (SELECT chunks::float8 AS n, (total_length::float8 / GREATEST(chunks, 1)) AS avgdl FROM keyword_stats)
                SELECT p.chunk_id,
                       SUM(GREATEST(ln((n.n - df.df + 0.5) / (df.df + 0.5)), 1e-6)
                           * p.tf * 2.2 / (p.tf + 1.2 * (0.25 + 0.75 * d.length / GREATEST(n.avgdl, 1)))) AS score
                FROM p
                JOIN df ON df.term = p.term
                JOIN keyword_docs d ON d.chunk_id = p.chunk_id
                CROSS JOIN n
                {(scoped ? "WHERE d.document_id = ANY(@docs)" : "")}
                GROUP BY p.chunk_id
                ORDER BY score DESC, p.chunk_id
                LIMIT @k
                """, null, ("query", PostgresText.Clean(query)), ("compounds", Compounds(query).Distinct().ToArray()), ("k", topK));
            if (scoped)
            {
                command.Parameters.AddWithValue("docs", documentIds!.ToArray());
            }
            return await command.ReadListAsync(r => new ScoredChunkId(r.GetString(0), r.GetDouble(1)), cancellationToken);
        }, cancellationToken);

    // Removes keyword_docs rows and takes them out of the corpus statistics in the same statement.
    private static string RemoveDocs(string where) =>
        $"""
        WITH old AS (DELETE FROM keyword_docs WHERE {where} RETURNING length)
        UPDATE keyword_stats SET chunks = chunks - (SELECT COUNT(*) FROM old),
                                 total_length = total_length - (SELECT COALESCE(SUM(length), 0) FROM old)
        """;

    // Compounds keep their hyphen or slash, which PostgreSQL's lexemes never do except for
    // "file" tokens such as mg/kg (then both spellings are the same term, counted once).
    private static IEnumerable<string> Compounds(string text) =>
        TermAnalyzer.SearchTokens(text).Where(t => t.Contains('-') || t.Contains('/')).Select(t => t.ToLowerInvariant());
}
