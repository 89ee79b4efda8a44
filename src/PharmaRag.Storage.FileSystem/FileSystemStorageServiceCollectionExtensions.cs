using Microsoft.Extensions.DependencyInjection;
using PharmaRag.Core.Storage;

namespace PharmaRag.Storage.FileSystem;

/// <summary>Registers the local-folder object store with self-signed upload URLs.</summary>
public static class FileSystemStorageServiceCollectionExtensions
{
    public static IServiceCollection AddFileSystemObjectStore(this IServiceCollection services, string dataDirectory, string? signingKeyBase64)
    {
        services.AddSingleton(sp => new UploadUrlSigner(
            SigningKeyFile.LoadOrCreate(dataDirectory, signingKeyBase64), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new FileSystemObjectStore(
            Path.Combine(dataDirectory, "objects"), sp.GetRequiredService<UploadUrlSigner>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IObjectStore>(sp => sp.GetRequiredService<FileSystemObjectStore>());
        return services;
    }
}
