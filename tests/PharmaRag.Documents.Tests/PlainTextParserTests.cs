using PharmaRag.Core.Content;
using PharmaRag.Documents;

namespace PharmaRag.Documents.Tests;

public sealed class PlainTextParserTests
{
    [Fact]
    public async Task Paragraphs_become_blocks_and_invalid_utf8_fails_with_a_reason()
    {
        var parser = new PlainTextParser();
        var parsed = await parser.ParseAsync(new MemoryStream("First para\nline two.\r\n\r\nSecond para."u8.ToArray()), "a.txt", CancellationToken.None);

        Assert.Equal(["First para line two.", "Second para."], parsed.Blocks.Select(b => b.Text));
        Assert.All(parsed.Blocks, b => Assert.Equal(1, b.Page));

        await Assert.ThrowsAsync<DocumentParseException>(() =>
            parser.ParseAsync(new MemoryStream([0xC3, 0x28, 0xFF]), "bad.txt", CancellationToken.None));
    }
}
