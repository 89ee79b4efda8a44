using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using PharmaRag.Core.Configuration;
using PharmaRag.Server.Hosting;
using PharmaRag.Testing;

namespace PharmaRag.Web.Tests;

/// <summary>The real server on a loopback port over a fresh data directory, with offline models.</summary>
public sealed class WebServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DataDirectoryLock _lock;
    private readonly TempDirectory _data;

    private WebServer(WebApplication app, DataDirectoryLock dataLock, TempDirectory data, Uri address)
    {
        _app = app;
        _lock = dataLock;
        _data = data;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    /// <summary>The server's services (its key store, for example).</summary>
    public IServiceProvider Services => _app.Services;

    public static async Task<WebServer> StartAsync(params string[] configuration)
    {
        var data = new TempDirectory();
        var dataLock = DataDirectoryLock.Acquire(data.Path);
        string[] args = ["--PharmaRag:Models:Chat=offline", "--PharmaRag:Models:Embeddings=offline", .. configuration, "--Logging:LogLevel:Default=Warning"];
        var app = PharmaRagServer.Build(new ServerSettings("http://127.0.0.1:0", data.Path, args));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new WebServer(app, dataLock, data, new Uri(address));
    }

    /// <summary>Presigned URL and PUT, as any client uploads; returns the document id.</summary>
    public async Task<string> UploadAsync(string fileName, byte[] bytes, string contentType = "application/pdf")
    {
        var grant = await Client.GetFromJsonAsync<JsonObject>(
            $"/presigned-url?filename={Uri.EscapeDataString(fileName)}&content_type={Uri.EscapeDataString(contentType)}");
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var response = await Client.PutAsync((string)grant!["url"]!, content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (string)body["sha256"]!;
    }

    /// <summary>
    /// Polls until the document is processed or failed; with <paramref name="backgroundSteps"/>, also
    /// until the steps that run after it became searchable (graph, vectors: pending_steps) are done.
    /// </summary>
    public async Task<JsonObject> WaitForFinalStatusAsync(string id, bool backgroundSteps = false, int timeoutSeconds = 120)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var document = (await Client.GetFromJsonAsync<JsonObject>($"/documents/{id}"))!;
            var pending = document["pending_steps"]?.AsArray().Count ?? 0;
            if ((string)document["status"]! is "failed" || ((string)document["status"]! is "processed" && (!backgroundSteps || pending == 0)))
            {
                return document;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Document {id} is still {document["status"]} after {timeoutSeconds} s.");
            }
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _lock.Dispose();
        _data.Dispose();
    }
}
