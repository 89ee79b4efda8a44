using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using PharmaRag.Core.Access;
using PharmaRag.Testing;

namespace PharmaRag.Server.Tests;

/// <summary>With PostgreSQL, a workspace is its own schema beside the deployment's: its rows never land in another.</summary>
public sealed class PostgresWorkspaceTests
{
    [Fact]
    public async Task A_workspace_keeps_its_documents_in_its_own_schema()
    {
        using var data = new TempDirectory();
        var schema = TestPostgres.NewSchema();
        try
        {
            await using (var server = await InProcessServer.StartAsync(data.Path,
                             AccessApi.RequireAuth, "--PharmaRag:Storage:Provider=postgres",
                             $"--PharmaRag:Storage:ConnectionString={TestPostgres.ConnectionString}", $"--PharmaRag:Storage:Schema={schema}"))
            {
                using var writer = server.As(await server.CreateKeyAsync("team-a", ApiKeyRole.Writer));
                using var admin = server.As(await server.CreateKeyAsync(Workspace.Default, ApiKeyRole.Admin));
                var id = await writer.UploadAsync("label.pdf", TestPdf.Pages(new[] { "Quellodine 5 mg is given once daily to adults with gout." }));
                Assert.Equal("processed", (string)(await writer.WaitForFinalStatusAsync(id))["status"]!);

                Assert.Empty((await admin.GetFromJsonAsync<JsonArray>("/documents"))!);
                var answer = await writer.AskAsync("What dose of quellodine is given to adults?");
                Assert.All(answer["citations"]!.AsArray(), c => Assert.Equal(id, (string)c!["document_id"]!));
                Assert.NotEmpty(answer["citations"]!.AsArray());
            }

            Assert.Equal(0, await CountAsync($"SELECT count(*) FROM \"{schema}\".documents"));
            Assert.Equal(1, await CountAsync($"SELECT count(*) FROM \"{schema}_ws_team_a\".documents"));
            Assert.Equal(2, await CountAsync($"SELECT count(*) FROM \"{schema}\".api_keys"));
            Assert.True(await CountAsync($"SELECT count(*) FROM \"{schema}\".audit_log WHERE workspace = 'team-a'") > 0);
        }
        finally
        {
            await ExecuteAsync($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE; DROP SCHEMA IF EXISTS \"{schema}_ws_team_a\" CASCADE");
        }
    }

    private static async Task<int> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestPostgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestPostgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
