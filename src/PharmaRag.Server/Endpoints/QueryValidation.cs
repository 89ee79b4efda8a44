using PharmaRag.Core.Configuration;
using PharmaRag.Core.Documents;
using PharmaRag.Core.Retrieval;

namespace PharmaRag.Server.Endpoints;

/// <summary>The checks every query route makes, with the same messages.</summary>
internal static class QueryValidation
{
    public const int MaxQueryLength = 4000;

    public static Dictionary<string, string[]> Validate(
        string? query, int? topK, IReadOnlyList<string>? documentIds, RetrievalOptions options)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(query))
        {
            errors["query"] = ["A query is required."];
        }
        else if (query.Length > MaxQueryLength)
        {
            errors["query"] = [$"The query is longer than {MaxQueryLength} characters."];
        }
        if (topK is < 1 || topK > options.MaxTopK)
        {
            errors["top_k"] = [$"top_k must be between 1 and {options.MaxTopK}."];
        }
        if (documentIds?.Any(id => !DocumentId.IsValid(id)) == true)
        {
            errors["document_ids"] = ["Document ids are 64 lower-case hex characters."];
        }
        return errors;
    }

    /// <summary>The requested mode (mix when none); an unknown one adds an error.</summary>
    public static QueryMode Mode(string? text, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return QueryMode.Mix;
        }
        if (Enum.TryParse<QueryMode>(text, ignoreCase: true, out var mode) && Enum.IsDefined(mode) && !int.TryParse(text, out _))
        {
            return mode;
        }
        errors["mode"] = ["The mode must be one of naive, local, global, hybrid, mix."];
        return QueryMode.Mix;
    }
}
