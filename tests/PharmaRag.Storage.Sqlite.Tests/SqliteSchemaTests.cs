using Microsoft.Data.Sqlite;
using PharmaRag.Core.Graph;
using PharmaRag.Storage.Sqlite;
using PharmaRag.Testing;

namespace PharmaRag.Storage.Sqlite.Tests;

public sealed class SqliteSchemaTests
{
    [Fact]
    public async Task Migration_is_idempotent_and_a_newer_schema_is_refused()
    {
        using var directory = new TempDirectory();
        var database = new SqliteDatabase(Path.Combine(directory.Path, "test.db"));
        await SqliteSchema.MigrateAsync(database, CancellationToken.None);
        await SqliteSchema.MigrateAsync(database, CancellationToken.None);

        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version = {SqliteSchema.Version + 1}";
            await command.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteSchema.MigrateAsync(database, CancellationToken.None));
        Assert.Contains("newer than this PharmaRag", error.Message);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Upgrading_to_graph_search_tables_with_their_own_text_keeps_every_entity_and_relation_findable()
    {
        using var directory = new TempDirectory();
        var database = new SqliteDatabase(Path.Combine(directory.Path, "test.db"));
        await SqliteSchema.MigrateAsync(database, CancellationToken.None);
        var graph = new SqliteGraphStore(database);
        await graph.ReplaceDocumentAsync("a",
            [new("a-0", "a", [new("remdesivir", EntityType.Drug, "An antiviral.", ["VEKLURY"]), new("nausea", EntityType.AdverseReaction, "Common.", [])],
                [new RelationMention("remdesivir", "nausea", "adverse reaction", "Nausea was reported.", 1)])],
            CancellationToken.None);

        // Put the database back to version 8: contentless search tables holding the same rows.
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                DROP TABLE entity_fts;
                DROP TABLE relation_fts;
                CREATE VIRTUAL TABLE entity_fts USING fts5(text, content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2');
                CREATE VIRTUAL TABLE relation_fts USING fts5(text, content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2');
                INSERT INTO entity_fts (rowid, text) SELECT seq, name FROM entities;
                INSERT INTO relation_fts (rowid, text) SELECT seq, keywords FROM relations;
                PRAGMA user_version = 8;
                """;
            await command.ExecuteNonQueryAsync();
        }

        await SqliteSchema.MigrateAsync(database, CancellationToken.None);

        Assert.Equal("remdesivir", Assert.Single(await graph.SearchEntitiesAsync("veklury", 5, CancellationToken.None)).Id);
        Assert.Equal("nausea|remdesivir", Assert.Single(await graph.SearchRelationsAsync("reported", 5, CancellationToken.None)).Id);
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT text FROM entity_fts WHERE rowid = (SELECT seq FROM entities WHERE id = 'remdesivir')";
            Assert.Equal("remdesivir VEKLURY", await command.ExecuteScalarAsync());
        }
        await graph.RemoveDocumentAsync("a", CancellationToken.None);
        Assert.Empty(await graph.SearchEntitiesAsync("veklury", 5, CancellationToken.None));
        SqliteConnection.ClearAllPools();
    }
}
