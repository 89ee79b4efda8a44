using Amazon.Runtime;
using Amazon.Runtime.Endpoints;

namespace PharmaRag.Gateway.Ecs;

/// <summary>
/// The little of an SDK client configuration the SDK's SigV4 signer reads: the signing region and
/// service name. Endpoints are ours (EcsOptions), so endpoint resolution is never asked for.
/// </summary>
internal sealed class SigningOnlyClientConfig : ClientConfig
{
    public SigningOnlyClientConfig(string region, string service) : base(null)
    {
        AuthenticationRegion = region;
        AuthenticationServiceName = service;
        _service = service;
    }

    private readonly string _service;

    public override string ServiceVersion => "signing-only";
    public override string UserAgent => "pharmarag-gateway";
    public override string RegionEndpointServiceName => _service;

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) =>
        throw new NotSupportedException("The gateway's AWS clients carry their own endpoints.");
}
