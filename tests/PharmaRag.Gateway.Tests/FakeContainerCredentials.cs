using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PharmaRag.Gateway.Tests;

/// <summary>
/// The ECS container credentials endpoint (the task role's credentials), as the AWS SDKs reach it
/// through AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN: a GET with the
/// token in the Authorization header, answered with AccessKeyId, SecretAccessKey, Token, Expiration.
/// </summary>
public sealed class FakeContainerCredentials : IAsyncDisposable
{
    public const string AuthorizationToken = "fake-container-authorization-token";
    public const string SessionToken = "FakeSessionTokenFromTheTaskRole//////////1234567890";

    private readonly WebApplication _app;

    private FakeContainerCredentials(WebApplication app) => _app = app;

    public Uri Uri { get; private set; } = null!;

    /// <summary>The Authorization header of every request, to check the SDK sent the token.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<FakeContainerCredentials> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var fake = new FakeContainerCredentials(app);
        app.MapGet("/v2/credentials/task-role", fake.Handle);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        fake.Uri = new Uri(new Uri(address), "/v2/credentials/task-role");
        return fake;
    }

    private IResult Handle(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        Requests.Enqueue(authorization);
        if (authorization != AuthorizationToken)
        {
            return Results.Json(new JsonObject { ["code"] = "AccessDenied", ["message"] = "Unauthorized" }, statusCode: 401);
        }
        return Results.Json(new JsonObject
        {
            ["AccessKeyId"] = FakeAws.AccessKeyId,
            ["SecretAccessKey"] = FakeAws.SecretAccessKey,
            ["Token"] = SessionToken,
            ["Expiration"] = DateTime.UtcNow.AddHours(6).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            ["RoleArn"] = "arn:aws:iam::123456789012:role/pharma-rag-gateway",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
