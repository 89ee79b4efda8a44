using System.Net;
using System.Net.Http.Json;
using PharmaRag.Testing;

namespace PharmaRag.Server.Tests;

/// <summary>Questions with tables, equations and images, as RAG-Anything's aquery_with_multimodal.</summary>
public sealed class MultimodalQueryTests
{
    [Fact]
    public async Task Items_are_described_folded_into_retrieval_and_returned_with_a_cited_answer()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);
        var id = await server.Client.UploadAsync("pk.pdf", TestPdf.Pages(
            ["1 INTRODUCTION", "This study reports pharmacokinetics."],
            ["2 RESULTS", "Clearance of Zentorix was 12 L/h in patients with renal impairment."]));
        await server.Client.WaitForFinalStatusAsync(id);
        var png = await TestImage.RenderPngAsync(TestPdf.Pages(["ZENTORIX CLEARANCE CURVE"]));

        var response = await server.Client.PostAsJsonAsync("/rag-query-multimodal", new
        {
            query = "How does this compare with the label?",
            multimodal_content = new object[]
            {
                new { type = "table", table_data = "Drug,Clearance (L/h)\nZentorix,11.5", table_caption = "Observed clearance" },
                new { type = "equation", latex = "CL = \\frac{Dose}{AUC}", equation_caption = "Clearance" },
                new { type = "image", image_base64 = Convert.ToBase64String(png), image_caption = "Figure 1" },
            },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        var descriptions = body["multimodal_descriptions"]!.AsArray().Select(d => (string)d!).ToArray();
        Assert.Contains("Drug: Zentorix", descriptions[0]);
        Assert.Contains("Clearance (L/h): 11.5", descriptions[0]);
        Assert.Contains("\\frac{Dose}{AUC}", descriptions[1]);
        Assert.Contains("CLEARANCE", descriptions[2], StringComparison.OrdinalIgnoreCase);
        Assert.Contains(body["citations"]!.AsArray(), c => (int)c!["page"]! == 2 && ((string)c["text"]!).Contains("12 L/h"));
    }

    [Fact]
    public async Task Malformed_items_get_a_validation_problem()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);

        foreach (var item in new object[]
                 {
                     new { type = "table" }, new { type = "video", table_data = "a,b" }, new { type = "image", image_base64 = "not base64!" },
                     new { type = "image", image_base64 = Convert.ToBase64String("GIF89a not supported"u8.ToArray()) },
                 })
        {
            var response = await server.Client.PostAsJsonAsync("/query/multimodal", new { query = "q", multimodal_content = new[] { item } });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }
}
