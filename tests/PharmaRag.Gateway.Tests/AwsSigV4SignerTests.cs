using Microsoft.Extensions.Time.Testing;
using PharmaRag.Gateway.Ecs;
using PharmaRag.Gateway.Hosting;

namespace PharmaRag.Gateway.Tests;

/// <summary>The gateway's requests signed by the SDK's SigV4 signer, checked against AWS's published example.</summary>
public sealed class AwsSigV4SignerTests
{
    private static AwsSigV4Signer Signer(DateTimeOffset at, string? sessionToken = null) => new(
        new AwsCredentialSource(new EcsOptions
        {
            AccessKeyId = "AKIAIOSFODNN7EXAMPLE", SecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", SessionToken = sessionToken,
        }),
        new FakeTimeProvider(at));

    // The GET Object example of the Amazon S3 API reference ("Signature calculations for the
    // Authorization header"), whose published signature any correct SigV4 implementation reproduces.
    [Fact]
    public async Task Reproduces_the_published_example_signature()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://examplebucket.s3.amazonaws.com/test.txt");
        request.Headers.TryAddWithoutValidation("Range", "bytes=0-9");

        await Signer(new DateTimeOffset(2013, 5, 24, 0, 0, 0, TimeSpan.Zero)).SignAsync(request, "us-east-1", "s3", CancellationToken.None);

        var authorization = request.Headers.GetValues("Authorization").Single();
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,", authorization);
        Assert.Contains("SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,", authorization);
        Assert.EndsWith("Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41", authorization);
        Assert.Equal("20130524T000000Z", request.Headers.GetValues("X-Amz-Date").Single());
    }

    [Fact]
    public async Task Temporary_credentials_send_and_sign_their_session_token_and_a_retry_is_signed_afresh()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://ecs.eu-west-1.amazonaws.com/")
        {
            Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/x-amz-json-1.1"),
        };
        var signer = Signer(DateTimeOffset.UtcNow, sessionToken: "session-token-1");

        await signer.SignAsync(request, "eu-west-1", "ecs", CancellationToken.None);
        await signer.SignAsync(request, "eu-west-1", "ecs", CancellationToken.None);

        Assert.Equal("session-token-1", request.Headers.GetValues("X-Amz-Security-Token").Single());
        var authorization = request.Headers.GetValues("Authorization").Single();
        Assert.Contains("x-amz-security-token", authorization.Split("SignedHeaders=")[1].Split(',')[0].Split(';'));
        Assert.Single(request.Headers.GetValues("X-Amz-Date"));
    }
}
