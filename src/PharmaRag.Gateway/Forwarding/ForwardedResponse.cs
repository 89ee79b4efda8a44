using Microsoft.AspNetCore.Http;

namespace PharmaRag.Gateway.Forwarding;

/// <summary>What compute answered, passed back to the client unchanged.</summary>
public sealed record ForwardedResponse(int StatusCode, byte[] Body, string? ContentType)
{
    public IResult ToResult() => new Relayed(this);

    /// <summary>An RFC 7807 problem produced by the gateway itself.</summary>
    public static ForwardedResponse Problem(int status, string title, string detail) =>
        new(status, System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { type = "about:blank", title, status, detail })),
            "application/problem+json");

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
