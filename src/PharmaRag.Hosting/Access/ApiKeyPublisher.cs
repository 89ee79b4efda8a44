using System.Text.Json;
using PharmaRag.Core.Access;
using PharmaRag.Core.Storage;

namespace PharmaRag.Server.Access;

/// <summary>
/// Writes the whole key directory (<see cref="PublishedApiKeys"/>) from the key store to the
/// object store: after every change (HTTP /keys, `pharmarag keys`) and periodically on the
/// server, so that the gateway verifies callers against the keys as they are.
/// </summary>
public sealed class ApiKeyPublisher(IApiKeyStore keys, IObjectStore objects, TimeProvider time)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task PublishAsync(CancellationToken cancellationToken)
    {
        var all = await keys.ListAsync(cancellationToken);
        var directory = new PublishedApiKeys(
            PublishedApiKeys.CurrentVersion,
            time.GetUtcNow(),
            all.Select(k => new PublishedApiKey(k.KeyId, Convert.ToBase64String(k.SecretSha256), k.Workspace, AccessClaims.RoleName(k.Role), k.IsRevoked)).ToArray());
        using var content = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(directory, Json));
        await objects.PutAsync(PublishedApiKeys.ObjectKey, content, cancellationToken);
    }
}
