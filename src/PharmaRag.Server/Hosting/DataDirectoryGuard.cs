using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;

namespace PharmaRag.Server.Hosting;

/// <summary>
/// Takes the one-writer lock of the data directory when the store needs it. Only the embedded
/// SQLite store does: with PostgreSQL, replicas share the database and may share one data
/// directory (EFS), whose object files are written atomically.
/// </summary>
public static class DataDirectoryGuard
{
    /// <summary>The lock, or null when the configured store is shared. Validates the storage options.</summary>
    public static DataDirectoryLock? AcquireIfNeeded(IServiceProvider services, string dataDirectory) =>
        services.GetRequiredService<IOptions<StorageOptions>>().Value.NeedsDataDirectoryLock
            ? DataDirectoryLock.Acquire(dataDirectory)
            : null;
}
