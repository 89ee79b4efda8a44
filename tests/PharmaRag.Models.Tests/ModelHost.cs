using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PharmaRag.Server.Hosting;

namespace PharmaRag.Models.Tests;

/// <summary>The composition root the server and CLI use, over a data directory, without HTTP.</summary>
public sealed class ModelHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private ModelHost(ServiceProvider provider) => _provider = provider;

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    public T? Find<T>() where T : class => _provider.GetService<T>();

    public static async Task<ModelHost> StartAsync(string dataDirectory, params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(args).Build();
        var provider = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddPharmaRag(configuration, dataDirectory)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        await provider.GetRequiredService<PharmaRagStartup>().RunAsync(releaseJobs: false, CancellationToken.None);
        return new ModelHost(provider);
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
