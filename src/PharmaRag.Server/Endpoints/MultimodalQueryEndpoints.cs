using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Retrieval;
using PharmaRag.Server.Contracts;
using PharmaRag.Server.Hosting;

namespace PharmaRag.Server.Endpoints;

/// <summary>Questions that carry tables, equations or images.</summary>
public static class MultimodalQueryEndpoints
{
    private const int MaxItems = 10;
    private const int MaxImageBytes = 10 * 1024 * 1024;

    public static IEndpointRouteBuilder MapMultimodalQueryEndpoints(this IEndpointRouteBuilder app)
    {
        // Images make these bodies larger than other queries': their own limit.
        var bodyLimit = app.ServiceProvider.GetRequiredService<IOptions<LimitsOptions>>().Value.MaxMultimodalRequestBytes;
        app.MapPost("/query/multimodal", QueryAsync)
            .WithName("QueryMultimodal").WithSummary("Answer a question that comes with tables, equations or images").WithTags("Query")
            .WithRequestSizeLimit(bodyLimit);
        app.MapPost("/rag-query-multimodal", QueryAsync)
            .WithName("RagQueryMultimodal").WithSummary("The gateway's name for /query/multimodal").WithTags("Query")
            .WithRequestSizeLimit(bodyLimit);
        return app;
    }

    internal static async Task<Results<Ok<MultimodalQueryResponse>, ValidationProblem>> QueryAsync(
        MultimodalQueryRequest request, RagQueryService queries, MultimodalItemDescriber describer, IOptions<RetrievalOptions> options,
        CancellationToken cancellationToken)
    {
        var errors = QueryValidation.Validate(request.Query, request.TopK, request.DocumentIds, options.Value);
        var mode = QueryValidation.Mode(request.Mode, errors);
        var items = new List<MultimodalItem>();
        var content = request.MultimodalContent ?? [];
        if (content.Count > MaxItems)
        {
            errors["multimodal_content"] = [$"At most {MaxItems} items."];
        }
        foreach (var (item, index) in content.Take(MaxItems).Select((c, i) => (c, i)))
        {
            if (ToItem(item) is { } valid)
            {
                items.Add(valid);
            }
            else
            {
                errors[$"multimodal_content[{index}]"] =
                    ["Each item is {type: table, table_data}, {type: equation, latex} or {type: image, image_base64 (at most 10 MB)}."];
            }
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        try
        {
            var query = new RagQuery(request.Query!) { Mode = mode, TopK = request.TopK, DocumentIds = request.DocumentIds };
            var (answer, descriptions) = await queries.QueryMultimodalAsync(query, items, describer, cancellationToken);
            return TypedResults.Ok(new MultimodalQueryResponse(
                request.Query!, answer.Answer, answer.Mode, answer.Citations.Select(CitationResponse.From).ToArray(), answer.TimingsMs, descriptions));
        }
        catch (ArgumentException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["multimodal_content"] = [ex.Message] });
        }
    }

    private static MultimodalItem? ToItem(MultimodalContent item)
    {
        switch (item.Type)
        {
            case "table" when !string.IsNullOrWhiteSpace(item.TableData):
                return new MultimodalItem("table") { TableData = item.TableData, TableCaption = item.TableCaption };
            case "equation" when !string.IsNullOrWhiteSpace(item.Latex):
                return new MultimodalItem("equation") { Latex = item.Latex, EquationCaption = item.EquationCaption };
            case "image" when item.ImageBase64 is { Length: > 0 and <= MaxImageBytes / 3 * 4 + 4 }:
                var base64 = item.ImageBase64.Contains(',') ? item.ImageBase64[(item.ImageBase64.IndexOf(',') + 1)..] : item.ImageBase64;
                var buffer = new byte[base64.Length];
                return Convert.TryFromBase64String(base64, buffer, out var written)
                    ? new MultimodalItem("image") { Image = buffer[..written], ImageCaption = item.ImageCaption }
                    : null;
            default:
                return null;
        }
    }
}
