using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using PharmaRag.Testing;
using Xunit.Abstractions;

namespace PharmaRag.Server.Tests;

/// <summary>
/// The bad-input matrix over real HTTP against `pharmarag serve` with its default limits: every
/// bad input gets its own clear error, the server stays healthy and keeps processing good
/// documents, and its peak resident memory (VmHWM) stays under the 1.5 GiB ceiling. The matrix is
/// printed as a table (and written to $PHARMARAG_MATRIX_OUT when set).
/// </summary>
public sealed class BadInputMatrixTests(ITestOutputHelper output)
{
    private const long Ceiling = 1536L * 1024 * 1024;
    private const long UploadLimit = 256L * 1024 * 1024;

    private readonly List<string> _rows = [];

    [Fact]
    public async Task Every_bad_input_gets_its_clear_error_and_the_server_stays_healthy_under_the_memory_ceiling()
    {
        using var data = new TempDirectory();
        await using var server = await ServerProcess.StartAsync(data.Path);
        var client = server.Client;

        var good = TestPdf.Numbered(3, "warfarin");
        await Document(server, "truncated PDF", "truncated.pdf", good[..(good.Length / 3)], "failed", "damaged");
        await Document(server, "empty PDF", "empty.pdf", [], "failed", "The file is not a PDF: it has no %PDF- header.");
        await Document(server, "header-only PDF", "header.pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n"), "failed", "The PDF is damaged and cannot be read");
        await Document(server, "encrypted PDF (qpdf, AES-256)", "encrypted.pdf", await EncryptAsync(good), "failed", "The PDF is encrypted and needs a password");
        await Document(server, "PNG named .pdf", "picture.pdf", await TestImage.RenderPngAsync(good, 200, 100), "failed", "The file is not a PDF");
        foreach (var kind in new[] { "docx", "xlsx", "pptx" })
        {
            var bomb = OfficeBomb.Build(kind, 1024L * 1024 * 1024);
            await Document(server, $"{kind.ToUpperInvariant()} zip bomb ({bomb.Length / 1024} KiB -> 1 GiB)", $"bomb.{kind}", bomb, "failed",
                "over the limit PharmaRag:Limits:MaxPackageBytes = 134217728");
        }
        await Document(server, "PDF of 5000 pages", "long.pdf", ThousandPagePdf.Build(5000), "failed",
            "The PDF has 5000 pages, over the limit PharmaRag:Limits:MaxPages = 2000");

        await Oversized(server, withLength: true);
        await Oversized(server, withLength: false);

        await Request(server, "JSON nested 200 deep", Post("/search", "{\"query\": \"x\", \"filters\": " + string.Concat(Enumerable.Repeat("{\"a\": ", 200)) + "1" + new string('}', 200) + "}"),
            HttpStatusCode.BadRequest, "nested deeper than 64 levels");
        await Request(server, "malformed JSON", Post("/search", "{\"query\": \"warfarin\", \"top_k\": }"), HttpStatusCode.BadRequest, "cannot be read at line 1, position");
        // Expect: 100-continue lets the server refuse before the body is sent (as curl does for large bodies).
        var large = Post("/rag-query", "{\"query\": \"" + new string('a', 2 * 1024 * 1024) + "\"}");
        large.Headers.ExpectContinue = true;
        await Request(server, "JSON body of 2 MiB", large, HttpStatusCode.RequestEntityTooLarge, "larger than the 1048576 bytes this route accepts");
        foreach (var name in new[] { "../../etc/passwd.pdf", ".pdf", "con.pdf", "tab\t.pdf" })
        {
            await Request(server, $"file name {Printable(name)}", new HttpRequestMessage(HttpMethod.Get, $"/presigned-url?filename={Uri.EscapeDataString(name)}"),
                HttpStatusCode.BadRequest, "file name");
        }
        await Request(server, "process key uploads/../x.pdf", Post("/process", "{\"key\": \"uploads/../x.pdf\"}"), HttpStatusCode.BadRequest, "'..' segment");

        // Still healthy, and still doing its work.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var id = await client.UploadAsync("good.pdf", good);
        Assert.Equal("processed", (string)(await client.WaitForFinalStatusAsync(id))["status"]!);
        var peak = server.PeakResidentBytes();
        _rows.Add($"| good 3-page PDF after all of the above | 200 | processed | {Mib(peak)} |");

        var table = string.Join('\n', ["| input | HTTP | status and reason | peak RSS (MiB) |", "| --- | --- | --- | --- |", .. _rows]);
        output.WriteLine(table);
        if (Environment.GetEnvironmentVariable("PHARMARAG_MATRIX_OUT") is { Length: > 0 } path)
        {
            await File.WriteAllTextAsync(path, table + "\n");
        }
        Assert.True(peak < Ceiling, $"peak RSS {Mib(peak)} MiB is over the {Mib(Ceiling)} MiB ceiling");
    }

    /// <summary>Uploads a file (processing it explicitly when the filter does not) and expects its final status and reason.</summary>
    private async Task Document(ServerProcess server, string input, string fileName, byte[] bytes, string status, string reason)
    {
        var client = server.Client;
        var presigned = await client.PresignAsync(fileName, contentType: null);
        var put = await client.PutAsync((string)presigned["url"]!, bytes, contentType: null);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var body = await put.JsonAsync();
        string id;
        if (body["document"] is { } queued)
        {
            id = (string)queued["id"]!;
        }
        else
        {
            var process = await client.PostAsync("/process", new StringContent($"{{\"key\": \"{(string)presigned["key"]!}\"}}", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Accepted, process.StatusCode);
            id = (string)(await process.JsonAsync())["document"]!["id"]!;
        }
        var document = await client.WaitForFinalStatusAsync(id, timeoutSeconds: 120);
        var error = (string?)document["error"] ?? "";
        _rows.Add($"| {input} | {(int)put.StatusCode} | {(string)document["status"]!}: {error} | {Mib(server.PeakResidentBytes())} |");
        Assert.Equal(status, (string)document["status"]!);
        Assert.Contains(reason, error);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    private async Task Request(ServerProcess server, string input, HttpRequestMessage request, HttpStatusCode expected, string reason)
    {
        using (request)
        {
            var response = await server.Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            _rows.Add($"| {input} | {(int)response.StatusCode} | {Printable(text)} | {Mib(server.PeakResidentBytes())} |");
            Assert.Equal(expected, response.StatusCode);
            Assert.Contains(reason, text);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("Exception", text);
        }
    }

    /// <summary>An upload past the URL's limit, with a Content-Length (refused before the body) or chunked (cut off at the limit).</summary>
    private async Task Oversized(ServerProcess server, bool withLength)
    {
        var presigned = await server.Client.PresignAsync("huge.pdf", contentType: null);
        var size = UploadLimit + 16L * 1024 * 1024;
        var content = new StreamContent(new ZeroStream(size));
        if (withLength)
        {
            content.Headers.ContentLength = size;
        }
        using var request = new HttpRequestMessage(HttpMethod.Put, (string)presigned["url"]!) { Content = content };
        request.Headers.ExpectContinue = withLength;
        string row;
        HttpStatusCode? status = null;
        try
        {
            var response = await server.Client.SendAsync(request);
            status = response.StatusCode;
            row = await response.Content.ReadAsStringAsync();
        }
        catch (HttpRequestException ex)
        {
            // The server may close the connection on a body it will not read; the refusal is then the reset.
            row = $"connection closed by the server ({ex.HttpRequestError})";
        }
        var input = withLength ? "upload of 272 MiB with Content-Length" : "upload of 272 MiB chunked (no Content-Length)";
        _rows.Add($"| {input} | {(status is null ? "-" : ((int)status).ToString())} | {Printable(row)} | {Mib(server.PeakResidentBytes())} |");
        if (status is not null)
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
            Assert.Contains($"larger than the {UploadLimit} bytes its URL allows", row);
        }
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/health")).StatusCode);
        Assert.False(File.Exists(Path.Combine(server.DataDirectory, "objects", "uploads", "huge.pdf")));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(server.DataDirectory, "objects", ".incoming")));
    }

    private static async Task<byte[]> EncryptAsync(byte[] pdf)
    {
        using var dir = new TempDirectory();
        var plain = Path.Combine(dir.Path, "plain.pdf");
        var locked = Path.Combine(dir.Path, "locked.pdf");
        await File.WriteAllBytesAsync(plain, pdf);
        using var qpdf = Process.Start(TestImage.ToolPath("qpdf"), ["--encrypt", "user-secret", "owner-secret", "256", "--", plain, locked]);
        await qpdf.WaitForExitAsync();
        Assert.Equal(0, qpdf.ExitCode);
        return await File.ReadAllBytesAsync(locked);
    }

    private static HttpRequestMessage Post(string path, string json) =>
        new(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static string Printable(string text)
    {
        var flat = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Replace("|", "\\|", StringComparison.Ordinal);
        return flat.Length > 300 ? flat[..300] + "..." : flat;
    }

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024)).ToString("0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A stream of zeros of a given length, so the test never holds the oversized body.</summary>
    private sealed class ZeroStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            Array.Clear(buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
