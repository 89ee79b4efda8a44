using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using PharmaRag.Core.Storage;

namespace PharmaRag.Storage.S3;

/// <summary>
/// Objects in an S3 bucket under a key prefix. Upload URLs are S3's own SigV4 presigned PUTs,
/// bound to the key, the expiry and (when given) the content type; S3 cannot bind a size to a
/// presigned PUT, so the size limit is enforced when the object is taken in for processing.
/// </summary>
public sealed class S3ObjectStore(IAmazonS3 s3, S3ObjectStoreOptions options, TimeProvider clock) : IObjectStore
{
    private const string Sha256Metadata = "x-amz-meta-sha256";
    private readonly string _bucket = options.Bucket ?? throw new ArgumentException("The bucket is required.", nameof(options));
    private readonly string _prefix = options.NormalizedPrefix;

    /// <summary>The prefix of this store's keys in the bucket (empty or ending in '/').</summary>
    public string KeyPrefix => _prefix;

    public string Description => options.ServiceUrl is null ? "Amazon S3" : "S3-compatible object store";

    public async Task<ObjectInfo> PutAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        var fullKey = FullKey(key);
        // Spooled to a temporary file: the SHA-256 (the document id) is known before the object
        // exists, and the SDK gets a seekable stream with a length (no chunked signing needed).
        await using var spool = TemporaryFile();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            await spool.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        var hash = Convert.ToHexStringLower(sha.GetHashAndReset());
        spool.Position = 0;
        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = fullKey,
            InputStream = spool,
            AutoCloseStream = false,
            UseChunkEncoding = false,
        };
        request.Metadata[Sha256Metadata] = hash;
        await s3.PutObjectAsync(request, cancellationToken);
        return new ObjectInfo(key, spool.Length, hash);
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var fullKey = FullKey(key);
        GetObjectResponse response;
        try
        {
            response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = fullKey }, cancellationToken);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            throw new FileNotFoundException($"No object exists at key '{key}'.");
        }
        // Parsers need a seekable stream of known length; a local copy also frees the connection.
        using (response)
        {
            var local = TemporaryFile();
            try
            {
                await response.ResponseStream.CopyToAsync(local, cancellationToken);
                local.Position = 0;
                return local;
            }
            catch
            {
                await local.DisposeAsync();
                throw;
            }
        }
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = FullKey(key) }, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = FullKey(key) }, cancellationToken);

    public async Task<IReadOnlyList<StoredObject>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        ObjectPrefix.Validate(prefix);
        var listed = new List<StoredObject>();
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = _prefix + prefix };
        do
        {
            var page = await s3.ListObjectsV2Async(request, cancellationToken);
            foreach (var item in page.S3Objects ?? [])
            {
                listed.Add(new StoredObject(item.Key[_prefix.Length..], item.Size ?? 0, item.LastModified ?? DateTime.UnixEpoch));
            }
            request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);
        return listed;
    }

    public async Task<PresignedUpload> PresignPutAsync(
        string key, string? contentType, long maxBytes, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var expiresAt = clock.GetUtcNow() + lifetime;
        var request = new GetPreSignedUrlRequest
        {
            BucketName = _bucket,
            Key = FullKey(key),
            Verb = HttpVerb.PUT,
            Expires = expiresAt.UtcDateTime,
            Protocol = options.ServiceUrl?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS,
        };
        if (!string.IsNullOrEmpty(contentType))
        {
            // Signed as a header: a PUT with any other Content-Type fails S3's signature check.
            request.ContentType = contentType;
        }
        var url = await s3.GetPreSignedURLAsync(request);
        return new PresignedUpload(url, key, expiresAt, contentType, maxBytes);
    }

    /// <summary>The bucket key of a store key; refuses keys that could name something else.</summary>
    public string FullKey(string key) =>
        ObjectKey.IsValid(key, out var error) ? _prefix + key : throw new ArgumentException(error, nameof(key));

    private static FileStream TemporaryFile() => new(
        Path.Combine(Path.GetTempPath(), "pharmarag-s3-" + Guid.NewGuid().ToString("N")),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
}
