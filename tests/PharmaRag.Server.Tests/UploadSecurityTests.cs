using System.Net;
using PharmaRag.Storage.FileSystem;
using PharmaRag.Testing;

namespace PharmaRag.Server.Tests;

/// <summary>Presigned uploads refuse anything they did not sign, and refused uploads store nothing.</summary>
public sealed class UploadSecurityTests
{
    private const string SigningKey = "c2lnbmluZy1rZXktZm9yLXRlc3RzLW9ubHktMTIzNDU2Nzg=";

    [Fact]
    public async Task Tampered_urls_are_refused_and_store_nothing()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);
        var url = (string)(await server.Client.PresignAsync("good.pdf"))["url"]!;

        var tamperedUrls = new[]
        {
            url.Replace("good.pdf", "evil.pdf"),
            url.Replace("max_bytes=", "max_bytes=9"),
            url[..^3] + (url[^3..] == "AAA" ? "BBB" : "AAA"),
            url.Replace("expires=", "expires=1"),
            url[..url.IndexOf("&signature=", StringComparison.Ordinal)],
        };
        foreach (var tampered in tamperedUrls)
        {
            var response = await server.Client.PutAsync(tampered, TestPdf.Numbered(1));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Empty(ObjectFiles(data.Path));
        Assert.Empty((await (await server.Client.GetAsync("/documents")).Content.ReadAsStringAsync()).Trim('[', ']'));
    }

    [Fact]
    public async Task A_different_content_type_than_signed_is_refused()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);
        var url = (string)(await server.Client.PresignAsync("typed.pdf", "application/pdf"))["url"]!;

        var response = await server.Client.PutAsync(url, TestPdf.Numbered(1), "text/html");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(ObjectFiles(data.Path));
    }

    [Fact]
    public async Task Expired_urls_are_refused()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, $"--PharmaRag:Uploads:SigningKey={SigningKey}");
        // Signed with the server's own key, but an expiry a minute in the past.
        var signer = new UploadUrlSigner(Convert.FromBase64String(SigningKey), TimeProvider.System);
        var query = signer.Sign("uploads/late.pdf", "application/pdf", 1_000_000, DateTimeOffset.UtcNow.AddMinutes(-1));

        var response = await server.Client.PutAsync("/objects/uploads/late.pdf?" + query, TestPdf.Numbered(1));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync());
        Assert.Empty(ObjectFiles(data.Path));

        // The same signer with a future expiry is accepted: the refusal above was the expiry alone.
        var valid = signer.Sign("uploads/late.pdf", "application/pdf", 1_000_000, DateTimeOffset.UtcNow.AddMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PutAsync("/objects/uploads/late.pdf?" + valid, TestPdf.Numbered(1))).StatusCode);
    }

    [Fact]
    public async Task Oversized_uploads_get_413_with_or_without_content_length_and_store_nothing()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, "--PharmaRag:Uploads:MaxBytes=2000");
        var url = (string)(await server.Client.PresignAsync("big.pdf"))["url"]!;
        var big = new byte[10_000];

        var declared = await server.Client.PutAsync(url, big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);

        // Chunked transfer: no Content-Length, so the limit must be enforced while streaming.
        var streamed = new StreamContent(new MemoryStream(big));
        streamed.Headers.ContentType = new("application/pdf");
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = streamed };
        request.Headers.TransferEncodingChunked = true;
        var chunked = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);

        Assert.Empty(ObjectFiles(data.Path));
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/health")).StatusCode);
    }

    [Theory]
    [InlineData("../../etc/passwd.pdf")]
    [InlineData("..\\secret.pdf")]
    [InlineData("sub/dir.pdf")]
    [InlineData("")]
    [InlineData("tool.exe")]
    [InlineData("notes.docm")]
    public async Task Presigned_url_refuses_unsafe_or_unsupported_file_names(string fileName)
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);

        var response = await server.Client.GetAsync($"/presigned-url?filename={Uri.EscapeDataString(fileName)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("../outside.pdf")]
    [InlineData("uploads/../../outside.pdf")]
    [InlineData("/etc/passwd")]
    [InlineData("uploads//x.pdf")]
    public async Task Process_refuses_keys_that_escape_the_store(string key)
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);

        var response = await server.Client.PostAsync("/process", EndToEndTests.Json($$"""{"key":"{{key}}"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Encoded_traversal_in_an_upload_path_writes_nothing_outside_the_store()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, $"--PharmaRag:Uploads:SigningKey={SigningKey}");
        // Even a correctly signed traversal key (which the server never issues) is refused.
        var signer = new UploadUrlSigner(Convert.FromBase64String(SigningKey), TimeProvider.System);
        var key = "../escaped.pdf";
        var query = signer.Sign(key, null, 1_000_000, DateTimeOffset.UtcNow.AddMinutes(5));

        var response = await server.Client.PutAsync("/objects/..%2Fescaped.pdf?" + query, TestPdf.Numbered(1), null);

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.Forbidden });
        Assert.False(File.Exists(Path.Combine(data.Path, "escaped.pdf")));
        Assert.Empty(Directory.EnumerateFiles(data.Path, "escaped.pdf", SearchOption.AllDirectories));
    }

    /// <summary>Files in the object store other than the key directory the server publishes for the gateway.</summary>
    private static IEnumerable<string> ObjectFiles(string dataDirectory)
    {
        var objects = Path.Combine(dataDirectory, "objects");
        var keyDirectory = Path.Combine(objects, PharmaRag.Server.Access.PublishedApiKeys.ObjectKey);
        return Directory.Exists(objects)
            ? Directory.EnumerateFiles(objects, "*", SearchOption.AllDirectories).Where(f => f != keyDirectory)
            : [];
    }
}
