using System.Security.Cryptography;
using PharmaRag.Core.Storage;

namespace PharmaRag.Storage.FileSystem;

/// <summary>
/// Objects as files under one folder. Writes go to a temporary file that is renamed into place,
/// so a reader never sees half an object and a failed upload leaves nothing behind.
/// </summary>
public sealed class FileSystemObjectStore(string root, UploadUrlSigner signer, TimeProvider clock) : IObjectStore
{
    /// <summary>The path under which this process serves PUT for presigned uploads.</summary>
    public const string UploadPathPrefix = "/objects/";

    private readonly string _root = Path.GetFullPath(root);
    private readonly string _temp = Path.Combine(Path.GetFullPath(root), ".incoming");

    public string Description => "local folder";

    public UploadUrlSigner Signer => signer;

    public async Task<ObjectInfo> PutAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        var target = Resolve(key);
        Directory.CreateDirectory(_temp);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = Path.Combine(_temp, Guid.NewGuid().ToString("N"));
        try
        {
            long size;
            byte[] hash;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
                await file.FlushAsync(cancellationToken);
                size = file.Length;
                hash = sha.GetHashAndReset();
            }
            File.Move(temp, target, overwrite: true);
            return new ObjectInfo(key, size, Convert.ToHexStringLower(hash));
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>
    /// Deletes what interrupted uploads left in the temporary folder (a crash between the first
    /// byte and the rename). A file another process is still writing is locked by it and kept.
    /// Returns how many files were removed.
    /// </summary>
    public int RemovePartialUploads()
    {
        if (!Directory.Exists(_temp))
        {
            return 0;
        }
        var removed = 0;
        foreach (var path in Directory.EnumerateFiles(_temp))
        {
            try
            {
                // FileShare.None takes the lock a writer holds (FileMode.CreateNew above), so an upload in progress is skipped.
                using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                    File.Delete(path);
                }
                removed++;
            }
            catch (IOException)
            {
            }
        }
        return removed;
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = Resolve(key);
        return File.Exists(path)
            ? Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true))
            : throw new FileNotFoundException($"No object exists at key '{key}'.");
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Task.FromResult(File.Exists(Resolve(key)));

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = Resolve(key);
        if (File.Exists(path))
        {
            File.Delete(path); // like S3: deleting what is not there succeeds
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredObject>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        ObjectPrefix.Validate(prefix);
        if (!Directory.Exists(_root))
        {
            return Task.FromResult<IReadOnlyList<StoredObject>>([]);
        }
        // Only the folder that can hold the prefix is walked; the temporary folder is never listed.
        var folder = Path.Combine(_root, prefix[..(prefix.LastIndexOf('/') + 1)]);
        if (!Directory.Exists(folder))
        {
            return Task.FromResult<IReadOnlyList<StoredObject>>([]);
        }
        var listed = new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories)
            .Where(f => !f.FullName.StartsWith(_temp + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(f => new StoredObject(
                Path.GetRelativePath(_root, f.FullName).Replace(Path.DirectorySeparatorChar, '/'), f.Length, f.LastWriteTimeUtc))
            .Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(o => o.Key, StringComparer.Ordinal)
            .ToArray();
        return Task.FromResult<IReadOnlyList<StoredObject>>(listed);
    }

    public Task<PresignedUpload> PresignPutAsync(
        string key, string? contentType, long maxBytes, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        Resolve(key);
        var expiresAt = clock.GetUtcNow() + lifetime;
        var url = UploadPathPrefix + string.Join('/', key.Split('/').Select(Uri.EscapeDataString))
            + "?" + signer.Sign(key, contentType, maxBytes, expiresAt);
        return Task.FromResult(new PresignedUpload(url, key, expiresAt, contentType, maxBytes));
    }

    /// <summary>The file for a key; refuses keys that could leave the store's folder.</summary>
    public string Resolve(string key)
    {
        if (!ObjectKey.IsValid(key, out var error))
        {
            throw new ArgumentException(error, nameof(key));
        }
        var path = Path.GetFullPath(Path.Combine(_root, key));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || path.StartsWith(_temp, StringComparison.Ordinal))
        {
            throw new ArgumentException("The key names a place outside the object store.", nameof(key));
        }
        return path;
    }
}
