using Microsoft.Extensions.AI;
using PharmaRag.Core.Content;
using PharmaRag.Models.Tests.Fakes;
using PharmaRag.Testing;

namespace PharmaRag.Models.Tests;

/// <summary>Tables, images and equations are described by the chat (vision) model with their page as context.</summary>
public sealed class ModelBlockDescriberTests
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    private static ParsedDocument Document() => new(2,
    [
        new ContentBlock { Page = 1, Text = "Figure 1 shows mean plasma concentrations of zentoramab after a 25 mg dose." },
        new ContentBlock { Kind = BlockKind.Image, Page = 1, Text = "Figure 1", Caption = "Figure 1. Mean plasma concentration", Image = new BlockImage("image/png", Png) },
        new ContentBlock { Page = 2, Text = "Table 2 lists adverse reactions." },
        new ContentBlock
        {
            Kind = BlockKind.Table, Page = 2, Text = "| Reaction | Zentoramab |\n|---|---|\n| Headache | 12% |",
            Table = new TableContent { Rows = [["Reaction", "Zentoramab"], ["Headache", "12%"]], HeaderRows = 1, Caption = "Table 2. Adverse reactions" },
        },
        new ContentBlock { Kind = BlockKind.Equation, Page = 2, Text = "CrCl = (140 - age) x weight / (72 x SCr)", Description = "Cockcroft-Gault." },
    ], []);

    [Fact]
    public async Task Images_go_to_the_model_as_image_content_with_their_page_text_and_tables_keep_their_cells()
    {
        await using var fake = await FakeOpenAIServer.StartAsync();
        fake.Chat = request => request.Messages.Last().ImageUrls.Count > 0 ? "A line chart of plasma concentration over 24 hours." : "Headache in 12% of patients.";
        using var data = new TempDirectory();
        await using var host = await ModelHost.StartAsync(data.Path, fake.ServerArguments("--PharmaRag:Models:Embeddings=offline"));

        var described = await host.Get<IBlockDescriber>().DescribeAsync(Document(), CancellationToken.None);

        Assert.IsType<ModelBlockDescriber>(host.Get<IBlockDescriber>());
        Assert.StartsWith("A line chart of plasma concentration over 24 hours.", described.Blocks[1].Description);
        Assert.Contains("Figure 1. Mean plasma concentration", described.Blocks[1].Description);
        Assert.StartsWith("Headache in 12% of patients.", described.Blocks[3].Description);
        Assert.Contains("Headache", described.Blocks[3].Description![30..]);
        Assert.Equal("Cockcroft-Gault.", described.Blocks[4].Description);
        Assert.Null(described.Blocks[0].Description);

        var imageCall = fake.ChatCalls.Single(c => c.Body.ToJsonString().Contains("image_url"));
        var user = imageCall.Body["messages"]!.AsArray().Last()!["content"]!.AsArray();
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(Png), (string)user.Single(p => (string)p!["type"]! == "image_url")!["image_url"]!["url"]!);
        Assert.Contains("mean plasma concentrations of zentoramab", (string)user.First(p => (string)p!["type"]! == "text")!["text"]!);
        Assert.Equal(2, fake.ChatCalls.Count());
    }

    [Fact]
    public async Task A_failing_model_leaves_the_offline_descriptions()
    {
        await using var fake = await FakeOpenAIServer.StartAsync();
        fake.FailNext(10, 500);
        using var data = new TempDirectory();
        await using var host = await ModelHost.StartAsync(data.Path, fake.ServerArguments("--PharmaRag:Models:Embeddings=offline", "--PharmaRag:Models:MaxRetries=0"));

        var described = await host.Get<IBlockDescriber>().DescribeAsync(Document(), CancellationToken.None);
        var offline = await new OfflineBlockDescriber().DescribeAsync(Document(), CancellationToken.None);

        Assert.Equal(offline.Blocks.Select(b => b.Description), described.Blocks.Select(b => b.Description));
    }

    [Fact]
    public async Task Without_a_chat_model_the_offline_describer_serves()
    {
        using var data = new TempDirectory();
        await using var host = await ModelHost.StartAsync(data.Path, [.. TestModels.OfflineArguments]);

        Assert.IsType<OfflineBlockDescriber>(host.Get<IBlockDescriber>());
        Assert.Null(host.Find<IChatClient>());
    }
}
