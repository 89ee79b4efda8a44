using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Storage;

namespace PharmaRag.Storage.S3;

/// <summary>Registers the S3 object store; credentials come from the SDK's default chain.</summary>
public static class S3StorageServiceCollectionExtensions
{
    public static IServiceCollection AddS3ObjectStore(this IServiceCollection services)
    {
        services.AddOptions<S3ObjectStoreOptions>().BindConfiguration(S3ObjectStoreOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IAmazonS3>(sp => CreateClient(sp.GetRequiredService<IOptions<S3ObjectStoreOptions>>().Value));
        services.AddSingleton(sp => new S3ObjectStore(
            sp.GetRequiredService<IAmazonS3>(), sp.GetRequiredService<IOptions<S3ObjectStoreOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IObjectStore>(sp => sp.GetRequiredService<S3ObjectStore>());
        return services;
    }

    /// <summary>
    /// A client for AWS or an S3-compatible endpoint. Checksums are sent only when an operation
    /// requires them, so that plain PUTs work against S3-compatible servers too.
    /// </summary>
    public static AmazonS3Client CreateClient(S3ObjectStoreOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (options.ServiceUrl is { } url)
        {
            config.ServiceURL = url;
            config.AuthenticationRegion = options.Region ?? "us-east-1";
        }
        else if (options.Region is { } region)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        return new AmazonS3Client(config);
    }
}
