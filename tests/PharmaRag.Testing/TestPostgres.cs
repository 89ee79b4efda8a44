namespace PharmaRag.Testing;

/// <summary>
/// The PostgreSQL server the test run started (./test.sh starts a throwaway cluster and exports
/// its connection string). Tests that need it fail, never skip, when it is missing.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "PHARMARAG_TEST_POSTGRES";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set: these tests need a PostgreSQL server. Run ./test.sh, which starts one, " +
                $"or set {Variable} to an Npgsql connection string (Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres).");

    /// <summary>A schema name no other test uses.</summary>
    public static string NewSchema() => "t_" + Guid.NewGuid().ToString("N")[..16];
}
