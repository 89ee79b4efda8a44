namespace PharmaRag.Core.Storage;

/// <summary>Where uploaded files live (a local folder, or S3).</summary>
public interface IObjectStore
{
    /// <summary>A human-readable description for health output and start-up logs.</summary>
    /// <summary>What kind of store this is, shown by the open /health: never a path, host, bucket or schema name.</summary>
    string Description { get; }

    Task<ObjectInfo> PutAsync(string key, Stream content, CancellationToken cancellationToken);
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken);
    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>The objects whose keys start with <paramref name="prefix"/>, in key order.</summary>
    Task<IReadOnlyList<StoredObject>> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>A short-lived URL for uploading one object with PUT.</summary>
    Task<PresignedUpload> PresignPutAsync(
        string key, string? contentType, long maxBytes, TimeSpan lifetime, CancellationToken cancellationToken);
}
