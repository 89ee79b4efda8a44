using Microsoft.Extensions.Configuration;

namespace PharmaRag.Models;

/// <summary>The OpenAI-compatible server to call: settings first, then the original's environment variables.</summary>
public sealed record OpenAIEndpoint(string? ApiKey, Uri? BaseUrl)
{
    public const string ApiKeyVariable = "OPENAI_API_KEY";
    public const string BaseUrlVariable = "OPENAI_BASE_URL";

    public static OpenAIEndpoint From(ModelOptions options, IConfiguration configuration)
    {
        var key = NullIfBlank(options.ApiKey) ?? NullIfBlank(configuration[ApiKeyVariable]);
        var url = NullIfBlank(options.BaseUrl) ?? NullIfBlank(configuration[BaseUrlVariable]);
        if (url is not null && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException($"The model base URL '{url}' ({BaseUrlVariable} or {ModelOptions.Section}:BaseUrl) is not an absolute URL.");
        }
        return new OpenAIEndpoint(key, url is null ? null : new Uri(url));
    }

    /// <summary>For logs: the server, never the key.</summary>
    public string Describe() => BaseUrl?.GetLeftPart(UriPartial.Path) ?? "the OpenAI API";

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
