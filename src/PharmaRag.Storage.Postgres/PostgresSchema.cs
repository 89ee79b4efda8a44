using Npgsql;

namespace PharmaRag.Storage.Postgres;

/// <summary>
/// Versioned migrations, each applied once in order and recorded in schema_migrations. They run
/// in one transaction under an advisory lock, so replicas starting together never race: the
/// first migrates, the others wait and then find nothing left to do.
/// </summary>
public static class PostgresSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE documents (
            id text PRIMARY KEY,
            key text NOT NULL,
            file_name text NOT NULL,
            media_type text NOT NULL,
            size_bytes bigint NOT NULL,
            status text NOT NULL,
            step text,
            progress double precision NOT NULL DEFAULT 0,
            pages integer NOT NULL DEFAULT 0,
            chunks integer NOT NULL DEFAULT 0,
            error text,
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL);
        CREATE INDEX documents_key ON documents (key);

        CREATE TABLE chunks (
            id text PRIMARY KEY,
            document_id text NOT NULL,
            ordinal integer NOT NULL,
            text text NOT NULL,
            tokens integer NOT NULL,
            page_spans text NOT NULL,
            section text,
            kind text NOT NULL DEFAULT 'Text');
        CREATE INDEX chunks_document ON chunks (document_id, ordinal);

        CREATE TABLE jobs (
            id bigserial PRIMARY KEY,
            document_id text NOT NULL,
            state text NOT NULL,
            attempts integer NOT NULL DEFAULT 0,
            owner text,
            lease_until timestamptz,
            run_after timestamptz NOT NULL DEFAULT '-infinity',
            last_error text,
            created_at timestamptz NOT NULL);
        CREATE INDEX jobs_state ON jobs (state, run_after, id);
        CREATE INDEX jobs_document ON jobs (document_id);

        CREATE TABLE settings (
            key text PRIMARY KEY,
            value text NOT NULL);

        -- BM25 in SQL: per chunk its length in words, per (term, chunk) the term frequency.
        -- Terms are PostgreSQL's English text-search lexemes (Snowball stems).
        CREATE TABLE keyword_docs (
            chunk_id text PRIMARY KEY,
            document_id text NOT NULL,
            length integer NOT NULL);
        CREATE INDEX keyword_docs_document ON keyword_docs (document_id);
        CREATE TABLE keyword_terms (
            term text NOT NULL,
            chunk_id text NOT NULL,
            tf integer NOT NULL,
            PRIMARY KEY (term, chunk_id));
        CREATE INDEX keyword_terms_chunk ON keyword_terms (chunk_id);

        -- Vectors with the generation that last wrote them; removals leave tombstones, so a
        -- replica catches up on exactly what changed since the generation it has loaded.
        CREATE TABLE vector_state (
            id integer PRIMARY KEY CHECK (id = 1),
            generation bigint NOT NULL);
        INSERT INTO vector_state (id, generation) VALUES (1, 0);
        CREATE TABLE chunk_vectors (
            chunk_id text PRIMARY KEY,
            document_id text NOT NULL,
            vector bytea NOT NULL,
            generation bigint NOT NULL);
        CREATE INDEX chunk_vectors_document ON chunk_vectors (document_id);
        CREATE INDEX chunk_vectors_generation ON chunk_vectors (generation);
        CREATE TABLE vector_tombstones (
            chunk_id text PRIMARY KEY,
            generation bigint NOT NULL);
        CREATE INDEX vector_tombstones_generation ON vector_tombstones (generation);

        CREATE TABLE entities (
            id text PRIMARY KEY,
            name text NOT NULL,
            type text NOT NULL,
            description text NOT NULL,
            aliases text[] NOT NULL,
            mentions integer NOT NULL,
            search_text text NOT NULL,
            search tsvector GENERATED ALWAYS AS (to_tsvector('english', search_text)) STORED);
        CREATE INDEX entities_search ON entities USING gin (search);
        CREATE TABLE entity_mentions (
            entity_id text NOT NULL,
            chunk_id text NOT NULL,
            document_id text NOT NULL,
            name text NOT NULL,
            type text NOT NULL,
            description text NOT NULL,
            aliases text[] NOT NULL,
            PRIMARY KEY (entity_id, chunk_id));
        CREATE INDEX entity_mentions_document ON entity_mentions (document_id);
        CREATE TABLE entity_aliases (
            alias_key text PRIMARY KEY,
            entity_id text NOT NULL);

        CREATE TABLE relations (
            id text PRIMARY KEY,
            source_id text NOT NULL,
            target_id text NOT NULL,
            keywords text NOT NULL,
            description text NOT NULL,
            weight double precision NOT NULL,
            search_text text NOT NULL,
            search tsvector GENERATED ALWAYS AS (to_tsvector('english', search_text)) STORED);
        CREATE INDEX relations_source ON relations (source_id);
        CREATE INDEX relations_target ON relations (target_id);
        CREATE INDEX relations_search ON relations USING gin (search);
        CREATE TABLE relation_mentions (
            relation_id text NOT NULL,
            chunk_id text NOT NULL,
            document_id text NOT NULL,
            source_id text NOT NULL,
            target_id text NOT NULL,
            keywords text NOT NULL,
            description text NOT NULL,
            weight double precision NOT NULL,
            PRIMARY KEY (relation_id, chunk_id));
        CREATE INDEX relation_mentions_document ON relation_mentions (document_id);

        CREATE TABLE model_calls (
            key text PRIMARY KEY,
            value bytea NOT NULL,
            created_at timestamptz NOT NULL);
        """,
        """
        ALTER TABLE documents ADD COLUMN pending_steps text[] NOT NULL DEFAULT '{}';
        ALTER TABLE jobs ADD COLUMN last_step text;
        ALTER TABLE jobs ADD COLUMN deferred boolean NOT NULL DEFAULT false;
        CREATE TABLE content_lists (
            document_id text PRIMARY KEY,
            content bytea NOT NULL);
        CREATE TABLE step_runs (
            id bigserial PRIMARY KEY,
            document_id text NOT NULL,
            step text NOT NULL,
            started_at timestamptz NOT NULL,
            finished_at timestamptz,
            outcome text,
            error text);
        CREATE INDEX step_runs_document ON step_runs (document_id, id);
        """,
        """
        -- Postings cover their term frequency, so a query reads (term, chunk, tf) from the index
        -- alone, and the corpus statistics of BM25 are kept with every write, so a query never
        -- counts the index.
        ALTER TABLE keyword_terms DROP CONSTRAINT keyword_terms_pkey;
        ALTER TABLE keyword_terms ADD CONSTRAINT keyword_terms_pkey PRIMARY KEY (term, chunk_id) INCLUDE (tf);
        CREATE TABLE keyword_stats (
            id boolean PRIMARY KEY DEFAULT true CHECK (id),
            chunks bigint NOT NULL,
            total_length bigint NOT NULL);
        INSERT INTO keyword_stats (id, chunks, total_length)
        SELECT true, COUNT(*), COALESCE(SUM(length), 0) FROM keyword_docs;
        """,
        """
        CREATE TABLE api_keys (
            key_id text PRIMARY KEY,
            secret_sha256 bytea NOT NULL,
            workspace text NOT NULL,
            role text NOT NULL,
            name text,
            created_at timestamptz NOT NULL,
            revoked_at timestamptz);
        CREATE TABLE audit_log (
            seq bigserial PRIMARY KEY,
            at timestamptz NOT NULL,
            key_id text,
            workspace text NOT NULL,
            action text NOT NULL,
            method text NOT NULL,
            route text NOT NULL,
            target text,
            status integer NOT NULL);
        CREATE INDEX audit_log_at ON audit_log (at);
        """,
    ];

    public static int Version => Migrations.Length;

    /// <summary>Applies the migrations this database lacks; returns how many ran.</summary>
    public static Task<int> MigrateAsync(PostgresDatabase database, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            // The lock is taken before anything else, including creating the schema, which
            // itself races when two replicas start on an empty database.
            await c.ExecuteAsync(t, "SELECT pg_advisory_xact_lock(hashtext(@k))", cancellationToken, ("k", "pharmarag.migrate." + database.Schema));
            await c.ExecuteAsync(t, $"CREATE SCHEMA IF NOT EXISTS \"{database.Schema}\"", cancellationToken);
            await c.ExecuteAsync(t,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                cancellationToken);
            await using var read = c.Command("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", t);
            var current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken));
            if (current > Migrations.Length)
            {
                throw new InvalidOperationException(
                    $"The PostgreSQL schema {database.Schema} on {database.Host} has version {current}, newer than this PharmaRag understands ({Migrations.Length}). Upgrade PharmaRag.");
            }
            for (var version = current; version < Migrations.Length; version++)
            {
                await c.ExecuteAsync(t, Migrations[version], cancellationToken);
                await c.ExecuteAsync(t, "INSERT INTO schema_migrations (version) VALUES (@v)", cancellationToken, ("v", version + 1));
            }
            return Migrations.Length - current;
        }, cancellationToken);

    /// <summary>Whether the pgvector extension can be used here (installed, or installable).</summary>
    public static Task<bool> HasPgvectorAsync(PostgresDatabase database, CancellationToken cancellationToken) =>
        database.ReadAsync(async c =>
        {
            await using var command = c.Command("SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector')");
            return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
        }, cancellationToken);

    internal static NpgsqlParameter TextArray(string name, IEnumerable<string> values) =>
        new(name, NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = values.ToArray() };
}
