using Microsoft.Extensions.Options;
using Npgsql;
using PharmaRag.Core.Configuration;

namespace PharmaRag.Storage.Postgres;

/// <summary>Refuses a PostgreSQL connection string Npgsql cannot read, naming the setting (never echoing the string, which may hold a password).</summary>
internal sealed class PostgresConnectionStringValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!options.IsPostgres || string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Skip;
        }
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            return string.IsNullOrWhiteSpace(builder.Host)
                ? ValidateOptionsResult.Fail($"{StorageOptions.Section}:ConnectionString names no Host.")
                : ValidateOptionsResult.Success;
        }
        catch (ArgumentException)
        {
            return ValidateOptionsResult.Fail(
                $"{StorageOptions.Section}:ConnectionString is not an Npgsql connection string (expected Host=...;Username=...;Password=...;Database=...).");
        }
    }
}
