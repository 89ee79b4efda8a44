using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PharmaRag.Core.Access;
using PharmaRag.Core.Storage;
using PharmaRag.Server.Access;
using PharmaRag.Testing;

namespace PharmaRag.Server.Tests;

/// <summary>An admin manages keys over HTTP: a key is shown once, listed without its secret, and dead once revoked.</summary>
public sealed class KeysEndpointTests
{
    [Fact]
    public async Task A_new_server_publishes_the_key_directory_for_the_gateway_once_its_stores_are_migrated()
    {
        using var data = new TempDirectory();
        // The clock stands still, so a failed first publish would not be retried within the test.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var server = await InProcessServer.StartAsync(data.Path, clock, AccessApi.RequireAuth);
        var objects = server.Services.GetRequiredService<IObjectStore>();

        for (var attempt = 0; attempt < 200 && !await objects.ExistsAsync(PublishedApiKeys.ObjectKey, CancellationToken.None); attempt++)
        {
            await Task.Delay(50);
        }

        await using var published = await objects.OpenReadAsync(PublishedApiKeys.ObjectKey, CancellationToken.None);
        var directory = await System.Text.Json.JsonSerializer.DeserializeAsync<PublishedApiKeys>(published, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        Assert.Equal(PublishedApiKeys.CurrentVersion, directory!.Version);
        Assert.Empty(directory.Keys);
    }

    [Fact]
    public async Task An_admin_creates_lists_and_revokes_keys_and_bad_requests_name_the_field()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, AccessApi.RequireAuth);
        using var admin = server.As(await server.CreateKeyAsync(Workspace.Default, ApiKeyRole.Admin));

        var created = await admin.PostAsJsonAsync("/keys", new { workspace = "team-a", role = "writer", name = "loader" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        var secret = (string)body["secret"]!;
        var id = (string)body["key"]!["id"]!;
        Assert.Equal($"/keys/{id}", created.Headers.Location?.OriginalString);

        using var writer = server.As(secret);
        Assert.Equal(HttpStatusCode.OK, (await writer.GetAsync("/presigned-url?filename=a.txt")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.GetAsync("/keys")).StatusCode);

        var listed = await admin.GetStringAsync("/keys");
        Assert.Contains(id, listed);
        Assert.Contains("\"workspace\":\"team-a\"", listed);
        Assert.DoesNotContain(secret[21..], listed);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/keys/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/keys/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await writer.GetAsync("/presigned-url?filename=a.txt")).StatusCode);

        var invalid = await admin.PostAsJsonAsync("/keys", new { workspace = "Team A", role = "owner" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.JsonAsync())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("workspace") && errors.ContainsKey("role"), errors.ToJsonString());
    }
}
