using PharmaRag.Gateway.Ecs;

namespace PharmaRag.Gateway.Tests;

public sealed class AwsSigV4SignerTests
{
    // The GET Object example of the Amazon S3 API reference ("Signature calculations for the
    // Authorization header"), whose published signature any correct SigV4 implementation reproduces.
    [Fact]
    public void Reproduces_the_published_example_signature()
    {
        const string emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = "examplebucket.s3.amazonaws.com",
            ["range"] = "bytes=0-9",
            ["x-amz-content-sha256"] = emptyHash,
            ["x-amz-date"] = "20130524T000000Z",
        };

        var signature = AwsSigV4Signer.Sign("GET", "/test.txt", "", headers, emptyHash,
            "20130524T000000Z", "us-east-1", "s3", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

        Assert.Equal("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41", signature);
    }
}
