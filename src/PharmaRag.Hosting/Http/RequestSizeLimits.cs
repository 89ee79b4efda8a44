using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;

namespace PharmaRag.Server.Hosting;

/// <summary>
/// A request body limit per route: the route's own (<see cref="IRequestSizeLimitMetadata"/>: the
/// multimodal queries with their images, uploads to presigned URLs that enforce their signed
/// limit) or PharmaRag:Limits:MaxRequestBytes for every other route. A body over the limit is
/// answered 413 with a problem detail naming the limit, whether it declared its length or not.
/// </summary>
public static class RequestSizeLimits
{
    public static WebApplication UseRequestSizeLimits(this WebApplication app)
    {
        var limits = app.Services.GetRequiredService<IOptions<LimitsOptions>>();
        var problems = app.Services.GetRequiredService<IProblemDetailsService>();
        app.Use(async (context, next) =>
        {
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } route
                ? route.MaxRequestBodySize
                : limits.Value.MaxRequestBytes;
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }
            await next(context);
            // The server refuses a body over the limit when it is read (at once when its Content-Length says so)
            // and the request ends with an empty 413: say which limit.
            if (limit is { } max && context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
            {
                await TooLargeAsync(context, problems, max);
            }
        });
        return app;
    }

    /// <summary>Declares the body limit of a route; null lifts it (the route enforces its own).</summary>
    public static TBuilder WithRequestSizeLimit<TBuilder>(this TBuilder builder, long? bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new SizeLimit(bytes));

    private static async Task TooLargeAsync(HttpContext context, IProblemDetailsService problems, long limit)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status413PayloadTooLarge, Title = "Request too large",
                Detail = $"The request body is larger than the {limit} bytes this route accepts.",
            },
        });
    }

    private sealed class SizeLimit(long? bytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => bytes;
    }
}
