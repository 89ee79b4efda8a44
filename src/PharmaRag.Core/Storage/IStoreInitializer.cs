namespace PharmaRag.Core.Storage;

/// <summary>Prepares a store before first use (creates or migrates its schema).</summary>
public interface IStoreInitializer
{
    /// <summary>What kind of store this is, shown by the open /health: never a path, host, bucket or schema name.</summary>
    string Description { get; }

    Task InitializeAsync(CancellationToken cancellationToken);
}
