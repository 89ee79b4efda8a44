using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PharmaRag.Core;
using PharmaRag.Core.Configuration;
using PharmaRag.Documents;
using PharmaRag.Models;
using PharmaRag.Storage.Sqlite;

namespace PharmaRag.Server.Hosting;

/// <summary>The composition root shared by the server and the command line: one data directory, embedded defaults.</summary>
public static class PharmaRagServiceCollectionExtensions
{
    public static IServiceCollection AddPharmaRag(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RetrievalOptions>().BindConfiguration(RetrievalOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(new DataDirectoryInfo(dataDirectory));

        services.AddPharmaRagCore();
        services.AddDocumentParsers();
        services.AddModels(configuration);
        services.AddSqliteStorage(dataDirectory);
        services.AddConfiguredObjectStore(configuration, dataDirectory);
        services.AddSingleton<PharmaRagStartup>();
        return services;
    }
}
