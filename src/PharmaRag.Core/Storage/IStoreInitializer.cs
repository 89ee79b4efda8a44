namespace PharmaRag.Core.Storage;

/// <summary>Prepares a store before first use (creates or migrates its schema).</summary>
public interface IStoreInitializer
{
    string Description { get; }

    Task InitializeAsync(CancellationToken cancellationToken);
}
