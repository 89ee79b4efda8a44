using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;

namespace PharmaRag.Server.Hosting;

/// <summary>
/// A request body limit per route: the route's own (<see cref="IRequestSizeLimitMetadata"/>, as
/// the multimodal queries with their images declare) or PharmaRag:Limits:MaxRequestBytes for every
/// other JSON route. Uploads to presigned URLs lift the limit themselves and enforce the signed one.
/// </summary>
public static class RequestSizeLimits
{
    public static WebApplication UseRequestSizeLimits(this WebApplication app)
    {
        var limits = app.Services.GetRequiredService<IOptions<LimitsOptions>>();
        app.Use((context, next) =>
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } route
                    ? route.MaxRequestBodySize
                    : limits.Value.MaxRequestBytes;
            }
            return next(context);
        });
        return app;
    }

    /// <summary>Declares the body limit of a route.</summary>
    public static TBuilder WithRequestSizeLimit<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new SizeLimit(bytes));

    private sealed class SizeLimit(long bytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => bytes;
    }
}
