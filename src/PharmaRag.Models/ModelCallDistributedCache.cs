using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using PharmaRag.Core.Storage;

namespace PharmaRag.Models;

/// <summary>
/// Lets Microsoft.Extensions.AI's caching chat client and embedding generator (which key each
/// call by a hash of its messages, options and model) store results in the data directory's
/// <see cref="IModelCallCache"/>. The cache only saves calls: a failure to read or write it is
/// logged and the call goes to the model.
/// </summary>
public sealed partial class ModelCallDistributedCache(IModelCallCache cache, ILogger<ModelCallDistributedCache> logger) : IDistributedCache
{
    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        try
        {
            return await cache.GetAsync(key, token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCacheFailed(ex, "read");
            return null;
        }
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        try
        {
            await cache.SetAsync(key, value, token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCacheFailed(ex, "write");
        }
    }

    public void Refresh(string key)
    {
    }

    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public Task RemoveAsync(string key, CancellationToken token = default) => cache.RemoveAsync(key, token);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not {Operation} the model call cache; calling the model instead")]
    private partial void LogCacheFailed(Exception exception, string operation);
}
