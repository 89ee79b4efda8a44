using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using PharmaRag.Testing;

namespace PharmaRag.Gateway.Tests;

/// <summary>
/// A real label through S3: the SDK-issued presigned PUT to s3rver, S3's event notification to
/// the gateway, processing by compute reading from the bucket, and a cited answer.
/// </summary>
public sealed class S3EndToEndTests
{
    [Fact]
    public async Task A_label_uploaded_to_s3_with_a_presigned_url_is_processed_on_its_event_and_answers_with_citations()
    {
        S3rver.UseCredentialsInThisProcess();
        await using var s3 = await S3rver.StartAsync();
        using var data = new TempDirectory();
        var prefix = "pharmarag/";
        await using var gateway = await InProcessGateway.StartAsync(data.Path,
            [.. s3.Settings(prefix), "--PharmaRag:Gateway:Compute=always-on",
             "--PharmaRag:Models:Chat=offline", "--PharmaRag:Models:Embeddings=offline"]);
        var label = await File.ReadAllBytesAsync(BenchFiles.Label("fda_atorvastatin_highlights_2024.pdf"));

        var presigned = (await gateway.Client.GetFromJsonAsync<JsonObject>(
            "/presigned-url?filename=atorvastatin.pdf&content_type=application/pdf"))!;
        var url = (string)presigned["url"]!;
        Assert.StartsWith($"{s3.Address}{s3.Bucket}/{prefix}uploads/atorvastatin.pdf?", url, StringComparison.Ordinal);
        Assert.Contains("X-Amz-Signature=", url, StringComparison.Ordinal);
        using (var http = new HttpClient())
        using (var body = new ByteArrayContent(label))
        {
            body.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            Assert.Equal(HttpStatusCode.OK, (await http.PutAsync(url, body)).StatusCode);
        }

        // What S3 sends for an ObjectCreated:Put on a *.pdf key (keys arrive URL-encoded).
        var notification = new JsonObject
        {
            ["Records"] = new JsonArray(new JsonObject
            {
                ["eventVersion"] = "2.1", ["eventSource"] = "aws:s3", ["awsRegion"] = "us-east-1",
                ["eventName"] = "ObjectCreated:Put",
                ["s3"] = new JsonObject
                {
                    ["bucket"] = new JsonObject { ["name"] = s3.Bucket, ["arn"] = $"arn:aws:s3:::{s3.Bucket}" },
                    ["object"] = new JsonObject { ["key"] = $"{prefix}uploads/atorvastatin.pdf", ["size"] = label.Length },
                },
            }),
        };
        var accepted = await gateway.Client.PostAsJsonAsync("/events/object-created", notification);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        var id = Convert.ToHexStringLower(SHA256.HashData(label));
        JsonObject? document = null;
        await Wait.UntilAsync(async () =>
        {
            var response = await gateway.Client.GetAsync($"/documents/{id}");
            document = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
            return (string?)document?["status"] is "processed" or "failed";
        }, "the label to be processed", 180);
        Assert.Equal("processed", (string?)document!["status"]);
        Assert.Equal("uploads/atorvastatin.pdf", (string?)document["key"]);

        var answer = await gateway.Client.PostAsJsonAsync("/rag-query",
            new { query = "What is the recommended starting dose of atorvastatin?" });
        var result = (await answer.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var citation = result["citations"]!.AsArray()[0]!;
        Assert.Equal(id, (string?)citation["document_id"]);
        Assert.Equal("atorvastatin.pdf", (string?)citation["filename"]);
        Assert.Contains("10", (string)result["answer"]!, StringComparison.Ordinal);
    }
}
