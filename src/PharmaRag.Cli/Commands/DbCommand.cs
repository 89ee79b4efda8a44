using System.CommandLine;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PharmaRag.Server.Terminal;
using PharmaRag.Storage.Sqlite;
using Spectre.Console;

namespace PharmaRag.Cli.Commands;

/// <summary>
/// `pharmarag db "SQL"`: one read-only SQL statement against the data directory's SQLite file,
/// with the SQLite the product ships (its FTS5 tables use contentless_delete, SQLite 3.43+, which
/// older sqlite3 shells such as Debian 12's 3.40 refuse).
/// </summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var sql = new Argument<string>("sql") { Description = "One SQL statement, e.g. \"SELECT file_name, status, pages, chunks FROM documents\"" };
        var json = CommonOptions.Json();
        var data = CommonOptions.Data();
        var command = new Command("db", "Run one read-only SQL statement against the data directory's SQLite file") { sql, json, data };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dataDirectory = Core.Configuration.DataDirectory.Resolve(parse.GetValue(data));
            var file = Path.Combine(dataDirectory, SqliteStorageServiceCollectionExtensions.FileName);
            if (!File.Exists(file))
            {
                throw new UsageException($"No database at {file}: start `pharmarag serve` or `pharmarag ingest` once, or point --data at a data directory.");
            }
            // Read-only twice over: the file is opened read-only and the connection refuses writes.
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = file,
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = false,
            }.ToString());
            await connection.OpenAsync(cancellationToken);
            await using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA query_only = ON; PRAGMA busy_timeout = 5000;";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }
            await using var query = connection.CreateCommand();
            query.CommandText = parse.GetValue(sql);
            List<string> columns;
            var rows = new List<object?[]>();
            try
            {
                await using var reader = await query.ExecuteReaderAsync(cancellationToken);
                columns = [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)];
                while (await reader.ReadAsync(cancellationToken))
                {
                    var row = new object?[reader.FieldCount];
                    for (var i = 0; i < row.Length; i++)
                    {
                        row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i) is byte[] bytes ? $"<{bytes.Length} bytes>" : reader.GetValue(i);
                    }
                    rows.Add(row);
                }
            }
            catch (SqliteException ex)
            {
                throw new UsageException($"SQL error: {ex.Message.Replace("SQLite Error ", "", StringComparison.Ordinal)} (the database is opened read-only; see the tables with \"SELECT name FROM sqlite_schema WHERE type = 'table'\").");
            }
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(rows.Select(r => columns.Select((c, i) => (c, r[i])).ToDictionary(p => p.c, p => p.Item2)), QueryCommand.Json));
                return 0;
            }
            var table = new Table().AddColumns([.. columns.Select(Markup.Escape)]);
            foreach (var row in rows)
            {
                table.AddRow([.. row.Select(v => Markup.Escape(v?.ToString() ?? ""))]);
            }
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"{rows.Count} row(s)");
            return 0;
        });
        return command;
    }
}
