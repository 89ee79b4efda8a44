using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PharmaRag.Core.Access;
using PharmaRag.Server.Access;
using PharmaRag.Testing;

namespace PharmaRag.Server.Tests;

/// <summary>
/// Every route against every kind of caller, over HTTP with authentication required: each role
/// gets exactly what its row allows, 401 without a valid key and 403 beyond its role.
/// </summary>
public sealed class RoleMatrixTests
{
    /// <summary>Every API route: method, path, JSON body, and the least role it needs (null: open).</summary>
    private static readonly (string Name, string Method, string Path, string? Body, ApiKeyRole? Role)[] Routes =
    [
        ("Health", "GET", "/health", null, null),
        ("GetPresignedUrl", "GET", "/presigned-url?filename=a.txt", null, ApiKeyRole.Writer),
        ("Process", "POST", "/process", """{"key":"uploads/missing.txt"}""", ApiKeyRole.Writer),
        ("DeleteDocument", "DELETE", "/documents/0123abcd", null, ApiKeyRole.Writer),
        ("ListDocuments", "GET", "/documents", null, ApiKeyRole.Reader),
        ("GetDocument", "GET", "/documents/0123abcd", null, ApiKeyRole.Reader),
        ("GetDocumentFile", "GET", "/documents/0123abcd/file", null, ApiKeyRole.Reader),
        ("Query", "POST", "/query", """{"query":"dose"}""", ApiKeyRole.Reader),
        ("RagQuery", "POST", "/rag-query", """{"query":"dose"}""", ApiKeyRole.Reader),
        ("QueryStream", "POST", "/query/stream", """{"query":"dose"}""", ApiKeyRole.Reader),
        ("RagQueryStream", "POST", "/rag-query/stream", """{"query":"dose"}""", ApiKeyRole.Reader),
        ("QueryMultimodal", "POST", "/query/multimodal", """{"query":"dose"}""", ApiKeyRole.Reader),
        ("RagQueryMultimodal", "POST", "/rag-query-multimodal", """{"query":"dose"}""", ApiKeyRole.Reader),
        ("Search", "POST", "/search", """{"query":"dose"}""", ApiKeyRole.Reader),
        ("GetSubgraph", "GET", "/graph?label=aspirin", null, ApiKeyRole.Reader),
        ("SearchEntities", "GET", "/graph/entities?search=aspirin", null, ApiKeyRole.Reader),
        ("GetEntityChunks", "GET", "/graph/entities/0123abcd/chunks", null, ApiKeyRole.Reader),
        ("ListKeys", "GET", "/keys", null, ApiKeyRole.Admin),
        ("CreateKey", "POST", "/keys", """{"workspace":"team-a","role":"reader"}""", ApiKeyRole.Admin),
        ("RevokeKey", "DELETE", "/keys/0123456789abcdef", null, ApiKeyRole.Admin),
    ];

    [Fact]
    public async Task Each_role_gets_exactly_its_row_and_401_or_403_otherwise()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, AccessApi.RequireAuth);
        var revoked = await server.CreateKeyAsync(Workspace.Default, ApiKeyRole.Admin);
        Assert.True(ApiKeySecret.TryParse(revoked, out var revokedId, out _));
        await server.Services.GetRequiredService<IApiKeyStore>().RevokeAsync(revokedId, DateTimeOffset.UtcNow, CancellationToken.None);
        var callers = new (string Who, string? Token, ApiKeyRole? Role)[]
        {
            ("no key", null, null),
            ("malformed key", "not-a-key", null),
            ("unknown key", "prk_0123456789abcdef_" + new string('A', 43), null),
            ("revoked admin key", revoked, null),
            ("reader", await server.CreateKeyAsync(Workspace.Default, ApiKeyRole.Reader), ApiKeyRole.Reader),
            ("writer", await server.CreateKeyAsync(Workspace.Default, ApiKeyRole.Writer), ApiKeyRole.Writer),
            ("admin", await server.CreateKeyAsync(Workspace.Default, ApiKeyRole.Admin), ApiKeyRole.Admin),
        };

        var failures = new List<string>();
        foreach (var (who, token, role) in callers)
        {
            using var client = server.As(token);
            foreach (var route in Routes)
            {
                using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path);
                if (route.Body is not null)
                {
                    request.Content = new StringContent(route.Body, Encoding.UTF8, "application/json");
                }
                using var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                var expected = route.Role is null ? "allowed"
                    : role is null ? "401"
                    : role >= route.Role ? "allowed"
                    : "403";
                var got = status is 401 or 403 ? status.ToString() : "allowed";
                if (expected != got)
                {
                    failures.Add($"{who} {route.Method} {route.Path}: expected {expected}, got {status}");
                }
                if (status == 401 && !response.Headers.WwwAuthenticate.Any(h => h.Scheme == "Bearer"))
                {
                    failures.Add($"{who} {route.Method} {route.Path}: 401 without WWW-Authenticate: Bearer");
                }
                if (status is 401 or 403)
                {
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                }
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task The_matrix_covers_every_mapped_route_and_the_server_classifies_each()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);
        var endpoints = server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => (Name: e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IEndpointNameMetadata>()?.EndpointName, Permission: e.Metadata.GetMetadata<RoutePermission>()))
            .Where(e => e.Permission is not null)
            .ToArray();

        var tested = Routes.Select(r => r.Name).Append("PutObject").ToHashSet();
        Assert.All(endpoints, e => Assert.Contains(e.Name!, tested));
        Assert.All(endpoints, e => Assert.Equal(RoutePermissions.Table[e.Name!], e.Permission));
        Assert.All(Routes, r => Assert.Equal(r.Role, RoutePermissions.Table[r.Name].Role));
        Assert.Null(RoutePermissions.Table["PutObject"].Role);
    }

    [Fact]
    public async Task Health_is_open_and_says_nothing_about_keys_or_workspaces()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, AccessApi.RequireAuth);
        await server.CreateKeyAsync("team-secret", ApiKeyRole.Admin);

        using var anonymous = server.As(null);
        var response = await anonymous.GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("team-secret", body);
        Assert.DoesNotContain("prk_", body);
        Assert.DoesNotContain("auth", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task On_loopback_without_required_auth_no_key_is_the_local_admin_but_a_presented_key_is_still_checked()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);
        var reader = await server.CreateKeyAsync(Workspace.Default, ApiKeyRole.Reader);

        using var anonymous = server.As(null);
        using var bad = server.As("prk_0123456789abcdef_" + new string('B', 43));
        using var readerClient = server.As(reader);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/presigned-url?filename=a.txt")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bad.GetAsync("/documents")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readerClient.GetAsync("/presigned-url?filename=a.txt")).StatusCode);
    }
}
