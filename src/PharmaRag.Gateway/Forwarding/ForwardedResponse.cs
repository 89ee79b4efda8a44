using Microsoft.AspNetCore.Http;

namespace PharmaRag.Gateway.Forwarding;

/// <summary>What compute answered to a queued query, passed back to the client unchanged.</summary>
public sealed record ForwardedResponse(int StatusCode, byte[] Body, string? ContentType)
{
    public IResult ToResult() => new Relayed(this);

    private sealed class Relayed(ForwardedResponse response) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = response.StatusCode;
            httpContext.Response.ContentType = response.ContentType ?? "application/json";
            await httpContext.Response.Body.WriteAsync(response.Body);
        }
    }
}
