namespace PharmaRag.Web.Tests;

/// <summary>A server holding the shared ibuprofen label, processed, for the tests that only read.</summary>
public sealed class LabelServerFixture : IAsyncLifetime
{
    public WebServer Server { get; private set; } = null!;

    public string DocumentId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Server = await WebServer.StartAsync();
        DocumentId = await Server.UploadAsync(SharedLabels.Ibuprofen, await File.ReadAllBytesAsync(SharedLabels.PathOf(SharedLabels.Ibuprofen)));
        var document = await Server.WaitForFinalStatusAsync(DocumentId, backgroundSteps: true);
        Assert.Equal("processed", (string)document["status"]!);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
