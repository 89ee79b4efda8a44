using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PharmaRag.Testing;

namespace PharmaRag.Server.Tests;

/// <summary>The knowledge graph through the real pipeline: extraction, exploration, graph query modes, deletion.</summary>
public sealed class GraphTests
{
    private static readonly byte[] Label = TestPdf.Pages(
        ["HIGHLIGHTS OF PRESCRIBING INFORMATION", "VEKLURY (remdesivir) for injection, for intravenous use.",
         "1 INDICATIONS AND USAGE", "VEKLURY is indicated for the treatment of COVID-19 in adults."],
        ["6 ADVERSE REACTIONS", "The most common adverse reactions were nausea and elevated transaminases.",
         "7 DRUG INTERACTIONS", "Coadministration with chloroquine is not recommended."]);

    private static readonly byte[] Paper = TestPdf.Pages(
        ["Remdesivir shortened time to recovery in hospitalized patients with COVID-19.",
         "Hypotension was observed during infusion of remdesivir."]);

    [Fact]
    public async Task Entities_and_relations_are_explorable_and_deletion_keeps_what_other_documents_support()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);
        var label = await server.Client.UploadAsync("veklury.pdf", Label);
        var paper = await server.Client.UploadAsync("paper.pdf", Paper);
        await server.Client.WaitForFinalStatusAsync(label);
        await server.Client.WaitForFinalStatusAsync(paper);

        var found = await Entities(server, "VEKLURY");
        Assert.Equal("remdesivir", (string)found[0]!["id"]!);
        Assert.Equal("drug", (string)found[0]!["type"]!);
        Assert.Contains("VEKLURY", found[0]!["aliases"]!.AsArray().Select(a => (string)a!));

        var subgraph = await server.Client.GetFromJsonAsync<JsonObject>("/graph?label=remdesivir&depth=1&max_nodes=20");
        var nodes = subgraph!["nodes"]!.AsArray().Select(n => (string)n!["id"]!).ToArray();
        Assert.Equal("remdesivir", nodes[0]);
        Assert.Contains("nausea", nodes);
        Assert.Contains("chloroquine", nodes);
        Assert.Contains("hypotension", nodes);
        Assert.Contains(subgraph["edges"]!.AsArray(), e => (string)e!["id"]! == "nausea|remdesivir"
            && ((string)e["keywords"]!).Contains("adverse reaction"));

        var local = await (await server.Client.PostAsJsonAsync("/rag-query", new { query = "remdesivir nausea", mode = "local" })).JsonAsync();
        Assert.Equal("local", (string)local["mode"]!);
        Assert.Contains(local["citations"]!.AsArray(), c => ((string)c!["text"]!).Contains("nausea"));

        Assert.Equal(HttpStatusCode.NoContent, (await server.Client.DeleteAsync($"/documents/{label}")).StatusCode);

        Assert.Empty(await Entities(server, "nausea"));
        Assert.Equal("remdesivir", (string)(await Entities(server, "remdesivir"))[0]!["id"]!);
        var after = await server.Client.GetFromJsonAsync<JsonObject>("/graph?label=remdesivir&depth=1");
        var remaining = after!["nodes"]!.AsArray().Select(n => (string)n!["id"]!).ToArray();
        Assert.Contains("hypotension", remaining);
        Assert.DoesNotContain("chloroquine", remaining);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/graph?label=zzzunknownzzz")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Client.GetAsync("/graph?label=remdesivir&depth=9")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Client.GetAsync("/graph/entities")).StatusCode);
    }

    private static async Task<JsonArray> Entities(InProcessServer server, string search) =>
        (await server.Client.GetFromJsonAsync<JsonArray>($"/graph/entities?search={Uri.EscapeDataString(search)}"))!;
}
