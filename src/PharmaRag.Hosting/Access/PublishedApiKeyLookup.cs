using System.Text.Json;
using Microsoft.Extensions.Logging;
using PharmaRag.Core.Access;
using PharmaRag.Core.Storage;

namespace PharmaRag.Server.Access;

/// <summary>
/// The gateway's view of the API keys: the directory the server publishes to the object store,
/// read at most once per <paramref name="cacheFor"/> (so a revoked key is refused at the latest
/// that long after it was revoked). A directory that is missing or of an unknown version holds
/// no keys: the gateway then refuses every key, it never lets one through unchecked. One that
/// could not be read just now refuses the key asked about and is read again on the next request.
/// </summary>
public sealed partial class PublishedApiKeyLookup(IObjectStore objects, TimeProvider time, TimeSpan cacheFor, ILogger<PublishedApiKeyLookup> logger)
    : IApiKeyLookup
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private IReadOnlyDictionary<string, ApiKeyRecord> _keys = new Dictionary<string, ApiKeyRecord>();
    private DateTimeOffset? _readAt;

    public async Task<ApiKeyRecord?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        if (IsStale())
        {
            await _refresh.WaitAsync(cancellationToken);
            try
            {
                if (IsStale())
                {
                    if (await ReadAsync(cancellationToken) is not { } keys)
                    {
                        // Not readable just now (the store unreachable, or an S3-compatible server
                        // serving it mid-write): this key is refused, and the next request reads again
                        // rather than every key being refused for the whole cache period.
                        return null;
                    }
                    _keys = keys;
                    _readAt = time.GetUtcNow();
                }
            }
            finally
            {
                _refresh.Release();
            }
        }
        return _keys.GetValueOrDefault(keyId);
    }

    private bool IsStale() => _readAt is not { } readAt || time.GetUtcNow() - readAt >= cacheFor;

    /// <summary>The published directory; null when it could not be read just now.</summary>
    private async Task<IReadOnlyDictionary<string, ApiKeyRecord>?> ReadAsync(CancellationToken cancellationToken)
    {
        PublishedApiKeys? directory;
        try
        {
            await using var content = await objects.OpenReadAsync(PublishedApiKeys.ObjectKey, cancellationToken);
            directory = await JsonSerializer.DeserializeAsync<PublishedApiKeys>(content, ApiKeyPublisher.Json, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            LogMissing(PublishedApiKeys.ObjectKey);
            return new Dictionary<string, ApiKeyRecord>();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogUnreadable(ex, PublishedApiKeys.ObjectKey);
            return null;
        }
        if (directory is not { Version: PublishedApiKeys.CurrentVersion, Keys: { } keys })
        {
            LogUnreadable(null, PublishedApiKeys.ObjectKey);
            return new Dictionary<string, ApiKeyRecord>();
        }
        var records = new Dictionary<string, ApiKeyRecord>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (key.Id is { Length: > 0 } && Workspace.IsValid(key.Workspace) && AccessClaims.TryParseRole(key.Role, out var role)
                && TryHash(key.SecretSha256, out var hash))
            {
                records[key.Id] = new ApiKeyRecord(key.Id, hash, key.Workspace, role, null, directory.PublishedAt,
                    key.Revoked ? directory.PublishedAt : null);
            }
        }
        return records;
    }

    private static bool TryHash(string? base64, out byte[] hash)
    {
        hash = new byte[32];
        return base64 is not null && Convert.TryFromBase64String(base64, hash, out var written) && written == 32;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No API key directory at {ObjectKey} yet: every key is refused until the server publishes it")]
    private partial void LogMissing(string objectKey);

    [LoggerMessage(Level = LogLevel.Error, Message = "The API key directory at {ObjectKey} could not be read: keys are refused until it is read")]
    private partial void LogUnreadable(Exception? error, string objectKey);
}
