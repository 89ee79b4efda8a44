using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using PharmaRag.Core.Access;

namespace PharmaRag.Server.Tests;

/// <summary>Keys made in the server's own key store, and clients that send them.</summary>
public static class AccessApi
{
    public const string RequireAuth = "--PharmaRag:Auth:Mode=required";

    public static async Task<string> CreateKeyAsync(this InProcessServer server, string workspace, ApiKeyRole role)
    {
        var (record, key) = ApiKeySecret.Create(workspace, role, "test", DateTimeOffset.UtcNow);
        await server.Services.GetRequiredService<IApiKeyStore>().AddAsync(record, CancellationToken.None);
        return key;
    }

    /// <summary>A client of the same server sending <c>Authorization: Bearer TOKEN</c> (none when null).</summary>
    public static HttpClient As(this InProcessServer server, string? token)
    {
        var client = new HttpClient { BaseAddress = server.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }
}
