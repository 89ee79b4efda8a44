using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PharmaRag.Core.Configuration;
using PharmaRag.Storage.FileSystem;
using PharmaRag.Storage.S3;

namespace PharmaRag.Hosting;

/// <summary>
/// Chooses the object store from PharmaRag:Objects:Provider: local (a folder in the data
/// directory, with upload URLs this service signs) or s3 (PharmaRag:Objects:S3, S3's own URLs).
/// </summary>
public static class ObjectStoreRegistration
{
    public const string ProviderKey = "PharmaRag:Objects:Provider";

    public static IServiceCollection AddConfiguredObjectStore(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var provider = configuration[ProviderKey] ?? "local";
        switch (provider.Trim().ToLowerInvariant())
        {
            case "local":
                return services.AddFileSystemObjectStore(dataDirectory, configuration[$"{UploadOptions.Section}:SigningKey"]);
            case "s3":
                return services.AddS3ObjectStore();
            default:
                throw new InvalidOperationException($"{ProviderKey} is '{provider}'; use local or s3.");
        }
    }
}
