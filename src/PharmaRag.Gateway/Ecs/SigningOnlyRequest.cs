using Amazon.Runtime;

namespace PharmaRag.Gateway.Ecs;

/// <summary>The SDK's request type wants an originating service request; the gateway's calls have none.</summary>
internal sealed class SigningOnlyRequest : AmazonWebServiceRequest
{
    public static readonly SigningOnlyRequest Instance = new();
}
