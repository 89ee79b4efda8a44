namespace PharmaRag.Storage.Sqlite;

/// <summary>Creates and upgrades the schema. Each entry upgrades from the version before it.</summary>
public static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            key TEXT NOT NULL,
            file_name TEXT NOT NULL,
            media_type TEXT NOT NULL,
            size_bytes INTEGER NOT NULL,
            status TEXT NOT NULL,
            step TEXT,
            progress REAL NOT NULL DEFAULT 0,
            pages INTEGER NOT NULL DEFAULT 0,
            chunks INTEGER NOT NULL DEFAULT 0,
            error TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL);
        CREATE INDEX documents_key ON documents(key);

        CREATE TABLE chunks (
            id TEXT PRIMARY KEY,
            document_id TEXT NOT NULL,
            ordinal INTEGER NOT NULL,
            text TEXT NOT NULL,
            tokens INTEGER NOT NULL,
            page_spans TEXT NOT NULL,
            section TEXT);
        CREATE INDEX chunks_document ON chunks(document_id, ordinal);

        CREATE TABLE jobs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            document_id TEXT NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            owner TEXT,
            lease_until INTEGER,
            run_after INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            created_at INTEGER NOT NULL);
        CREATE INDEX jobs_state ON jobs(state, run_after);
        CREATE INDEX jobs_document ON jobs(document_id);

        CREATE TABLE keyword_entries (
            rowid INTEGER PRIMARY KEY,
            chunk_id TEXT NOT NULL UNIQUE,
            document_id TEXT NOT NULL);
        CREATE INDEX keyword_entries_document ON keyword_entries(document_id);
        CREATE VIRTUAL TABLE keyword_fts USING fts5(
            text, content='', contentless_delete=1,
            tokenize='porter unicode61 remove_diacritics 2');
        """,
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL);

        CREATE TABLE chunk_vectors (
            chunk_id TEXT PRIMARY KEY,
            document_id TEXT NOT NULL,
            vector BLOB NOT NULL);
        CREATE INDEX chunk_vectors_document ON chunk_vectors(document_id);
        """,
        """
        CREATE TABLE entities (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            description TEXT NOT NULL,
            aliases TEXT NOT NULL,
            mentions INTEGER NOT NULL);
        CREATE TABLE entity_mentions (
            entity_id TEXT NOT NULL,
            chunk_id TEXT NOT NULL,
            document_id TEXT NOT NULL,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            description TEXT NOT NULL,
            aliases TEXT NOT NULL,
            PRIMARY KEY (entity_id, chunk_id));
        CREATE INDEX entity_mentions_document ON entity_mentions(document_id);
        CREATE INDEX entity_mentions_chunk ON entity_mentions(chunk_id);

        CREATE TABLE relations (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            source_id TEXT NOT NULL,
            target_id TEXT NOT NULL,
            keywords TEXT NOT NULL,
            description TEXT NOT NULL,
            weight REAL NOT NULL);
        CREATE INDEX relations_source ON relations(source_id);
        CREATE INDEX relations_target ON relations(target_id);
        CREATE TABLE relation_mentions (
            relation_id TEXT NOT NULL,
            chunk_id TEXT NOT NULL,
            document_id TEXT NOT NULL,
            source_id TEXT NOT NULL,
            target_id TEXT NOT NULL,
            keywords TEXT NOT NULL,
            description TEXT NOT NULL,
            weight REAL NOT NULL,
            PRIMARY KEY (relation_id, chunk_id));
        CREATE INDEX relation_mentions_document ON relation_mentions(document_id);

        CREATE TABLE entity_aliases (
            alias_key TEXT PRIMARY KEY,
            entity_id TEXT NOT NULL);

        -- Keyed by the seq of entities and relations; contentless, the text lives in those tables.
        CREATE VIRTUAL TABLE entity_fts USING fts5(text, content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2');
        CREATE VIRTUAL TABLE relation_fts USING fts5(text, content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2');
        """,
        """
        ALTER TABLE chunks ADD COLUMN kind TEXT NOT NULL DEFAULT 'Text';
        """,
        """
        CREATE TABLE model_calls (
            key TEXT PRIMARY KEY,
            value BLOB NOT NULL,
            created_at TEXT NOT NULL);
        """,
        """
        ALTER TABLE documents ADD COLUMN pending_steps TEXT NOT NULL DEFAULT '';
        ALTER TABLE jobs ADD COLUMN last_step TEXT;
        ALTER TABLE jobs ADD COLUMN deferred INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE content_lists (
            document_id TEXT PRIMARY KEY,
            content BLOB NOT NULL);
        CREATE TABLE step_runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            document_id TEXT NOT NULL,
            step TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            finished_at INTEGER,
            outcome TEXT,
            error TEXT);
        CREATE INDEX step_runs_document ON step_runs(document_id, id);
        """,
        """
        -- The keyword index keeps its own copy of the text. A contentless FTS5 table cannot take a
        -- deleted row's tokens out of its BM25 statistics (row count, average length), so scores
        -- drifted after every delete or re-index; with the text kept, FTS5 removes them exactly.
        DROP TABLE keyword_fts;
        CREATE VIRTUAL TABLE keyword_fts USING fts5(text, tokenize='porter unicode61 remove_diacritics 2');
        DELETE FROM keyword_entries WHERE chunk_id NOT IN (SELECT id FROM chunks);
        INSERT INTO keyword_fts (rowid, text)
        SELECT e.rowid, CASE WHEN c.section IS NULL THEN c.text ELSE c.section || char(10) || c.text END
        FROM keyword_entries e JOIN chunks c ON c.id = e.chunk_id;
        """,
        """
        CREATE TABLE api_keys (
            key_id TEXT PRIMARY KEY,
            secret_sha256 BLOB NOT NULL,
            workspace TEXT NOT NULL,
            role TEXT NOT NULL,
            name TEXT,
            created_at INTEGER NOT NULL,
            revoked_at INTEGER);
        CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            at INTEGER NOT NULL,
            key_id TEXT,
            workspace TEXT NOT NULL,
            action TEXT NOT NULL,
            method TEXT NOT NULL,
            route TEXT NOT NULL,
            target TEXT,
            status INTEGER NOT NULL);
        CREATE INDEX audit_log_at ON audit_log(at);
        """,
        """
        -- The graph's search tables keep their own text, as keyword_fts does since version 7: a
        -- contentless table keeps a removed name's length in its BM25 statistics, so rankings
        -- drifted after every removal. The text is the merge policy's, so it is filled in C#.
        DROP TABLE entity_fts;
        DROP TABLE relation_fts;
        CREATE VIRTUAL TABLE entity_fts USING fts5(text, tokenize='porter unicode61 remove_diacritics 2');
        CREATE VIRTUAL TABLE relation_fts USING fts5(text, tokenize='porter unicode61 remove_diacritics 2');
        """,
    ];

    public static int Version => Migrations.Length;

    // The version whose graph search tables are filled from the entities and relations in C#.
    private const int GraphSearchTextVersion = 9;

    public static async Task MigrateAsync(SqliteDatabase database, CancellationToken cancellationToken)
    {
        await database.WriteAsync(async (connection, transaction) =>
        {
            await using var pragma = connection.CreateCommand();
            pragma.Transaction = transaction;
            pragma.CommandText = "PRAGMA user_version";
            var current = Convert.ToInt32(await pragma.ExecuteScalarAsync(cancellationToken));
            if (current > Migrations.Length)
            {
                throw new InvalidOperationException(
                    $"The database {database.Path} has schema version {current}, newer than this PharmaRag understands ({Migrations.Length}). Upgrade PharmaRag.");
            }
            for (var version = current; version < Migrations.Length; version++)
            {
                await using var migrate = connection.CreateCommand();
                migrate.Transaction = transaction;
                migrate.CommandText = Migrations[version] + $"\nPRAGMA user_version = {version + 1};";
                await migrate.ExecuteNonQueryAsync(cancellationToken);
                if (version + 1 == GraphSearchTextVersion)
                {
                    await SqliteGraphStore.FillSearchTablesAsync(connection, transaction, cancellationToken);
                }
            }
        }, cancellationToken);

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var wal = connection.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode = WAL;";
        await wal.ExecuteNonQueryAsync(cancellationToken);
    }
}
