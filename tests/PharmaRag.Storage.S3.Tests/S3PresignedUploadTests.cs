using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using PharmaRag.Testing;

namespace PharmaRag.Storage.S3.Tests;

/// <summary>Upload URLs are S3's own SigV4 presigned PUTs: key, expiry and content type are bound.</summary>
public sealed class S3PresignedUploadTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task The_sdk_issued_url_uploads_to_the_bucket_and_the_store_reads_it()
    {
        var options = s3.Options();
        using var client = S3StorageServiceCollectionExtensions.CreateClient(options);
        var store = new S3ObjectStore(client, options, TimeProvider.System);
        var upload = await store.PresignPutAsync("uploads/label.pdf", "application/pdf", 1000, TimeSpan.FromMinutes(5), None);
        Assert.Contains("X-Amz-Signature=", upload.Url, StringComparison.Ordinal);
        Assert.StartsWith(s3.Server.Address + s3.Server.Bucket + "/" + options.Prefix + "uploads/label.pdf?", upload.Url, StringComparison.Ordinal);

        using var http = new HttpClient();
        using var put = new ByteArrayContent("%PDF-1.4 test"u8.ToArray());
        put.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var response = await http.PutAsync(upload.Url, put);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var read = await store.OpenReadAsync("uploads/label.pdf", None);
        Assert.Equal("%PDF-1.4 test", await new StreamReader(read).ReadToEndAsync());
    }

    [Fact]
    public async Task The_signature_binds_key_content_type_and_expiry_checked_against_a_fixed_clock()
    {
        // The SDK signs at its own "now"; the store's clock sets the expiry. Both are this instant.
        var issued = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var clock = new FakeTimeProvider(issued);
        var options = new S3ObjectStoreOptions { Bucket = "labels", Prefix = "prod/", Region = "eu-west-1" };
        using var client = S3StorageServiceCollectionExtensions.CreateClient(options);
        var store = new S3ObjectStore(client, options, clock);
        var lifetime = TimeSpan.FromMinutes(15);

        var upload = await store.PresignPutAsync("uploads/atorvastatin.pdf", "application/pdf", 1000, lifetime, None);

        var url = new Uri(upload.Url);
        Assert.Equal("https", url.Scheme);
        Assert.Equal("/prod/uploads/atorvastatin.pdf", url.AbsolutePath.Replace("/labels", "", StringComparison.Ordinal));
        Assert.Contains("X-Amz-SignedHeaders=content-type%3Bhost", upload.Url, StringComparison.Ordinal);
        Assert.Contains($"X-Amz-Credential={S3rver.AccessKeyId}%2F", upload.Url, StringComparison.Ordinal);
        Assert.Contains("%2Feu-west-1%2Fs3%2Faws4_request", upload.Url, StringComparison.Ordinal);
        Assert.Equal(issued + lifetime, upload.ExpiresAt);
        var signedAt = DateTimeOffset.ParseExact(Query(url, "X-Amz-Date"), "yyyyMMdd'T'HHmmss'Z'",
            System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
        var validFor = TimeSpan.FromSeconds(int.Parse(Query(url, "X-Amz-Expires")));
        Assert.InRange(signedAt + validFor, upload.ExpiresAt.AddSeconds(-2), upload.ExpiresAt.AddSeconds(2));

        var pdf = new Dictionary<string, string> { ["content-type"] = "application/pdf" };
        var secret = S3rver.SecretAccessKey;
        Assert.Null(PresignedUrlVerifier.Verify("PUT", url, pdf, secret, signedAt.AddSeconds(1)));
        Assert.Null(PresignedUrlVerifier.Verify("PUT", url, pdf, secret, signedAt + validFor));
        Assert.Equal("Request has expired", PresignedUrlVerifier.Verify("PUT", url, pdf, secret, signedAt + validFor + TimeSpan.FromSeconds(1)));
        Assert.Equal("SignatureDoesNotMatch", PresignedUrlVerifier.Verify("PUT", url,
            new Dictionary<string, string> { ["content-type"] = "text/html" }, secret, signedAt.AddSeconds(1)));
        Assert.Equal("signed header content-type is missing from the request",
            PresignedUrlVerifier.Verify("PUT", url, new Dictionary<string, string>(), secret, signedAt.AddSeconds(1)));
        var otherKey = new Uri(upload.Url.Replace("atorvastatin.pdf", "warfarin.pdf", StringComparison.Ordinal));
        Assert.Equal("SignatureDoesNotMatch", PresignedUrlVerifier.Verify("PUT", otherKey, pdf, secret, signedAt.AddSeconds(1)));
        Assert.Equal("SignatureDoesNotMatch", PresignedUrlVerifier.Verify("GET", url, pdf, secret, signedAt.AddSeconds(1)));
        var longer = new Uri(upload.Url.Replace($"X-Amz-Expires={validFor.TotalSeconds}", "X-Amz-Expires=604800", StringComparison.Ordinal));
        Assert.Equal("SignatureDoesNotMatch", PresignedUrlVerifier.Verify("PUT", longer, pdf, secret, signedAt.AddSeconds(1)));
    }

    private static string Query(Uri url, string name) =>
        Uri.UnescapeDataString(url.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Single(p => p[0] == name)[1]);
}
