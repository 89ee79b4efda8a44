using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using PharmaRag.Gateway.Hosting;

namespace PharmaRag.Gateway.Ecs;

/// <summary>
/// Credentials for the gateway's ECS and ELB calls. Explicit settings (PharmaRag:Gateway:Ecs:AccessKeyId
/// and SecretAccessKey) win; otherwise AWSSDK.Core's default chain: the environment (as Lambda sets
/// it), web identity, profiles and SSO, ECS container credentials (the task role), the instance
/// profile. The SDK caches and refreshes what it resolved, so this is asked before every call.
/// </summary>
public sealed class AwsCredentialSource(EcsOptions options) : IDisposable
{
    private readonly AWSCredentials? _explicit = Explicit(options);
    private readonly DefaultAWSCredentialsIdentityResolver _chain = new();

    /// <summary>Where the credentials come from, for the start-up log: never the key itself.</summary>
    public string Origin => _explicit is null ? "the AWS SDK default credential chain" : "PharmaRag:Gateway:Ecs settings";

    public async Task<ImmutableCredentials> GetAsync(CancellationToken cancellationToken)
    {
        try
        {
            var credentials = _explicit ?? await _chain.ResolveIdentityAsync(null!, cancellationToken);
            return await credentials.GetCredentialsAsync();
        }
        catch (Exception ex) when (ex is AmazonClientException or AmazonServiceException)
        {
            throw new AwsCredentialsUnavailableException(ex);
        }
    }

    private static AWSCredentials? Explicit(EcsOptions options) =>
        string.IsNullOrEmpty(options.AccessKeyId) || string.IsNullOrEmpty(options.SecretAccessKey)
            ? null
            : string.IsNullOrEmpty(options.SessionToken)
                ? new BasicAWSCredentials(options.AccessKeyId, options.SecretAccessKey)
                : new SessionAWSCredentials(options.AccessKeyId, options.SecretAccessKey, options.SessionToken);

    public void Dispose() => _chain.Dispose();
}
