using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace PharmaRag.Server.Hosting;

/// <summary>
/// Turns a request the framework could not read (malformed or too deeply nested JSON, a body over
/// the route's size limit, a parameter of the wrong type) into a problem detail that says what
/// and where, in our own words: the exception's message never reaches the client.
/// </summary>
internal sealed partial class BadRequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    /// <summary>Deepest nesting of a JSON body (System.Text.Json's default, set explicitly).</summary>
    public const int MaxJsonDepth = 64;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }
        var (title, detail) = Describe(bad, httpContext);
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = bad.StatusCode, Title = title, Detail = detail },
        });
    }

    private static (string Title, string Detail) Describe(BadHttpRequestException bad, HttpContext context)
    {
        if (bad.InnerException is JsonException json)
        {
            var where = $"line {(json.LineNumber ?? 0) + 1}, position {(json.BytePositionInLine ?? 0) + 1}"
                        + (string.IsNullOrEmpty(json.Path) ? "" : $", path {json.Path}");
            return json.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
                ? ("JSON nested too deeply", $"The JSON body is nested deeper than {MaxJsonDepth} levels (at {where}).")
                : ("Malformed JSON", $"The JSON body cannot be read at {where}: check the syntax there and that the value has the expected type.");
        }
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            return ("Request too large", limit is null
                ? "The request body is larger than this route accepts."
                : $"The request body is larger than the {limit} bytes this route accepts.");
        }
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return ("Unsupported media type", "The body must be JSON, sent with Content-Type: application/json.");
        }
        if (Parameter().Match(bad.Message) is { Success: true } parameter)
        {
            var name = parameter.Groups["name"].Value;
            return bad.Message.StartsWith("Required", StringComparison.Ordinal)
                ? ("Missing parameter", parameter.Groups["source"].Value == "body" ? "A JSON body is required." : $"The parameter {name} is required.")
                : ("Invalid parameter", $"The parameter {name} has a value of the wrong type{Expected(parameter.Groups["type"].Value)}.");
        }
        return ("Bad request", "The request could not be read.");
    }

    private static string Expected(string type) => type.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('>', '?') switch
    {
        "int" or "long" or "Int32" or "Int64" => ": it must be a whole number",
        "double" or "float" or "Double" => ": it must be a number",
        "bool" or "Boolean" => ": it must be true or false",
        _ => "",
    };

    [GeneratedRegex("""parameter "(?<type>[^" ]+) (?<name>[^" ]+)"(?: was not provided from (?<source>\w+))?""")]
    private static partial Regex Parameter();
}
