using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Graph;
using PharmaRag.Core.Storage;
using PharmaRag.Server.Hosting;
using PharmaRag.Testing;

namespace PharmaRag.Server.Tests;

/// <summary>Which stores serve the ports is chosen by validated options.</summary>
public sealed class StorageSelectionTests
{
    [Theory]
    [InlineData("PharmaRag:Storage:Provider", "mysql", "PharmaRag:Storage:Provider must be 'sqlite' or 'postgres'")]
    [InlineData("PharmaRag:Storage:Provider", "postgres", "PharmaRag:Storage:ConnectionString is required")]
    [InlineData("PharmaRag:Storage:Schema", "rag; DROP", "PharmaRag:Storage:Schema must be a plain identifier")]
    [InlineData("PharmaRag:Storage:KeywordIndex", "elastic", "PharmaRag:Storage:KeywordIndex must be 'lucene' (the default) or 'sqlite' (FTS5), not 'elastic'")]
    [InlineData("PharmaRag:Graph:Provider", "neo4j", "NEO4J_URI (or PharmaRag:Graph:Neo4jUri) is required")]
    [InlineData("PharmaRag:Graph:Provider", "janus", "PharmaRag:Graph:Provider must be 'store' or 'neo4j'")]
    public void Invalid_settings_fail_validation_naming_the_setting(string key, string value, string message)
    {
        using var data = new TempDirectory();
        using var services = Build(data.Path, new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() =>
        {
            _ = services.GetRequiredService<IOptions<StorageOptions>>().Value;
            _ = services.GetRequiredService<IOptions<GraphOptions>>().Value;
        });

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_bad_connection_string_is_refused_without_echoing_it()
    {
        using var data = new TempDirectory();
        using var services = Build(data.Path, new()
        {
            ["PharmaRag:Storage:Provider"] = "postgres",
            ["PharmaRag:Storage:ConnectionString"] = "Host=db;Passwort=hunter2;=;",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains("PharmaRag:Storage:ConnectionString is not an Npgsql connection string", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public void Postgres_and_neo4j_replace_the_embedded_stores_and_environment_names_reach_the_graph_options()
    {
        using var data = new TempDirectory();
        using var services = Build(data.Path, new()
        {
            ["PharmaRag:Storage:Provider"] = "postgres",
            ["PharmaRag:Storage:ConnectionString"] = "Host=db.internal;Username=rag;Password=x;Database=rag",
            ["PharmaRag:Storage:Schema"] = "tenant_a",
            ["PharmaRag:Graph:Provider"] = "neo4j",
            ["NEO4J_URI"] = "bolt://graph.internal:7687",
            ["NEO4J_USERNAME"] = "neo4j",
            ["NEO4J_PASSWORD"] = "pw",
        });

        Assert.IsType<Storage.Postgres.PostgresRagStore>(services.GetRequiredService<IRagStore>());
        Assert.IsType<Storage.Postgres.PostgresJobQueue>(services.GetRequiredService<IJobQueue>());
        Assert.IsType<Storage.Postgres.PostgresVectorIndex>(services.GetRequiredService<IVectorIndex>());
        Assert.IsType<Storage.Neo4j.Neo4jGraphStore>(services.GetRequiredService<IGraphStore>());
        Assert.Equal("http://graph.internal:7474/db/neo4j/query/v2", services.GetRequiredService<Storage.Neo4j.Neo4jQueryClient>().Endpoint.ToString());
        Assert.Null(DataDirectoryGuard.AcquireIfNeeded(services, data.Path));
    }

    [Fact]
    public void The_default_is_the_embedded_sqlite_store_that_holds_the_data_directory()
    {
        using var data = new TempDirectory();
        using var services = Build(data.Path, []);

        Assert.IsType<Storage.Sqlite.SqliteRagStore>(services.GetRequiredService<IRagStore>());
        Assert.IsType<Storage.Sqlite.SqliteGraphStore>(services.GetRequiredService<IGraphStore>());
        Assert.IsType<Storage.Lucene.LuceneKeywordIndex>(services.GetRequiredService<IKeywordIndex>());
        Assert.Contains(services.GetServices<IStoreInitializer>(), i => i is Storage.Lucene.LuceneKeywordIndexInitializer);
        Assert.DoesNotContain(services.GetServices<IStoreInitializer>(), i => i is Storage.Sqlite.SqliteKeywordIndexInitializer);
        using var held = DataDirectoryGuard.AcquireIfNeeded(services, data.Path);
        Assert.NotNull(held);
        Assert.ThrowsAny<InvalidOperationException>(() => DataDirectoryGuard.AcquireIfNeeded(services, data.Path));
    }

    [Fact]
    public void KeywordIndex_sqlite_selects_fts5_and_postgres_refuses_the_setting()
    {
        using var data = new TempDirectory();
        using (var services = Build(data.Path, new() { ["PharmaRag:Storage:KeywordIndex"] = "sqlite" }))
        {
            Assert.IsType<Storage.Sqlite.SqliteKeywordIndex>(services.GetRequiredService<IKeywordIndex>());
            Assert.Contains(services.GetServices<IStoreInitializer>(), i => i is Storage.Sqlite.SqliteKeywordIndexInitializer);
            Assert.DoesNotContain(services.GetServices<IStoreInitializer>(), i => i is Storage.Lucene.LuceneKeywordIndexInitializer);
        }
        using var postgres = Build(data.Path, new()
        {
            ["PharmaRag:Storage:Provider"] = "postgres",
            ["PharmaRag:Storage:ConnectionString"] = "Host=db.internal;Username=rag;Password=x;Database=rag",
            ["PharmaRag:Storage:KeywordIndex"] = "lucene",
        });
        var error = Assert.Throws<OptionsValidationException>(() => postgres.GetRequiredService<IOptions<StorageOptions>>().Value);
        Assert.Contains("PharmaRag:Storage:KeywordIndex applies only to the 'sqlite' provider", error.Message);
    }

    [Fact]
    public async Task Serve_refuses_to_start_with_an_invalid_storage_provider()
    {
        using var data = new TempDirectory();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "pharmarag.dll"), "serve", "--urls", "http://127.0.0.1:0", "--data", data.Path,
                     "--PharmaRag:Storage:Provider=mysql",
                 })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("PharmaRag:Storage:Provider must be 'sqlite' or 'postgres', not 'mysql'", errors + await output);
    }

    private static ServiceProvider Build(string dataDirectory, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddPharmaRag(configuration, dataDirectory)
            .BuildServiceProvider();
    }
}
