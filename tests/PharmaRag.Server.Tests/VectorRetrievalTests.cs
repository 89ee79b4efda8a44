using PharmaRag.Testing;

namespace PharmaRag.Server.Tests;

/// <summary>The vector channel of retrieval, through the real pipeline and HTTP.</summary>
public sealed class VectorRetrievalTests
{
    [Fact]
    public async Task With_vector_weight_a_misspelt_name_still_finds_its_document_which_keywords_alone_miss()
    {
        var pdf = TestPdf.Pages(["Zentorix tablets are taken once daily with a glass of water."]);
        using var keywordOnlyData = new TempDirectory();
        await using (var keywordOnly = await InProcessServer.StartAsync(keywordOnlyData.Path))
        {
            await keywordOnly.Client.WaitForFinalStatusAsync(await keywordOnly.Client.UploadAsync("z.pdf", pdf));
            Assert.Empty(await keywordOnly.Client.SearchAsync("Zentorixx"));
        }

        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, "--PharmaRag:Retrieval:VectorWeight=1");
        var id = await server.Client.UploadAsync("z.pdf", pdf);
        await server.Client.WaitForFinalStatusAsync(id);

        var hits = await server.Client.SearchAsync("Zentorixx");
        Assert.Equal(id, (string)hits[0]!["document_id"]!);
    }
}
