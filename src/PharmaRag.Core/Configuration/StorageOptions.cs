using System.ComponentModel.DataAnnotations;

namespace PharmaRag.Core.Configuration;

/// <summary>
/// Where documents, chunks, jobs, indexes and the graph live (section PharmaRag:Storage):
/// the embedded SQLite file of the data directory (one process), or a PostgreSQL database that
/// several replicas share.
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "PharmaRag:Storage";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
    public const string Lucene = "lucene";

    /// <summary>sqlite (default) or postgres.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>An Npgsql connection string; required with the postgres provider.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The PostgreSQL schema that holds PharmaRag's tables; "public" when unset.</summary>
    public string? Schema { get; set; }

    /// <summary>
    /// The embedded provider's keyword index: lucene (default; a Lucene.Net index in the data
    /// directory's keywords/ folder) or sqlite (FTS5 in the database file). Switching re-indexes the
    /// stored chunks at start-up. The postgres provider has its own keyword index and takes neither.
    /// </summary>
    public string? KeywordIndex { get; set; }

    /// <summary>Whether the embedded provider's keyword index is Lucene (the default).</summary>
    public bool UsesLuceneKeywordIndex => !IsPostgres && !string.Equals(KeywordIndex, Sqlite, StringComparison.OrdinalIgnoreCase);

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    /// <summary>Only the embedded store needs the data directory to itself.</summary>
    public bool NeedsDataDirectoryLock => !IsPostgres;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase) && !IsPostgres)
        {
            yield return new ValidationResult(
                $"{Section}:Provider must be '{Sqlite}' or '{Postgres}', not '{Provider}'.", [nameof(Provider)]);
        }
        if (IsPostgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                $"{Section}:ConnectionString is required when {Section}:Provider is '{Postgres}' (an Npgsql connection string such as Host=db;Username=rag;Password=...;Database=rag).",
                [nameof(ConnectionString)]);
        }
        if (KeywordIndex is { } keywordIndex)
        {
            if (IsPostgres)
            {
                yield return new ValidationResult(
                    $"{Section}:KeywordIndex applies only to the '{Sqlite}' provider; remove it (the '{Postgres}' provider searches keywords in PostgreSQL, which every replica shares).",
                    [nameof(KeywordIndex)]);
            }
            else if (!string.Equals(keywordIndex, Lucene, StringComparison.OrdinalIgnoreCase)
                && !string.Equals(keywordIndex, Sqlite, StringComparison.OrdinalIgnoreCase))
            {
                yield return new ValidationResult(
                    $"{Section}:KeywordIndex must be '{Lucene}' (the default) or '{Sqlite}' (FTS5), not '{keywordIndex}'.", [nameof(KeywordIndex)]);
            }
        }
        if (Schema is { } schema && !IsIdentifier(schema))
        {
            yield return new ValidationResult(
                $"{Section}:Schema must be a plain identifier (letters, digits, underscores; at most 63 characters), not '{schema}'.",
                [nameof(Schema)]);
        }
    }

    public static bool IsIdentifier(string value) =>
        value.Length is > 0 and <= 63 && (char.IsAsciiLetter(value[0]) || value[0] == '_')
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
