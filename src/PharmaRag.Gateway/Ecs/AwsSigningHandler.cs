namespace PharmaRag.Gateway.Ecs;

/// <summary>
/// Signs each attempt of a call to one AWS service. It sits inside the retry handler, so a retried
/// attempt gets a fresh date and the current (possibly refreshed) credentials.
/// </summary>
public sealed class AwsSigningHandler(AwsSigV4Signer signer, string region, string service) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await signer.SignAsync(request, region, service, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
