using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PharmaRag.Core.Access;
using PharmaRag.Hosting;
using PharmaRag.Server.Hosting;
using PharmaRag.Server.Workspaces;

namespace PharmaRag.Gateway.Access;

/// <summary>
/// The object store of each workspace other than <c>default</c>, as the server's workspace
/// engine sees it (<see cref="WorkspaceSettings"/>): in S3 the prefix workspaces/NAME/, which
/// S3's presigned URL signs, so such a URL cannot write outside it; in a local folder
/// DATA/workspaces/NAME/objects with the workspace's own signing key, so a URL issued for one
/// workspace never verifies in another.
/// </summary>
public sealed class GatewayWorkspaces(IConfiguration configuration, DataDirectoryInfo data, TimeProvider time) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<ServiceProvider>> _stores = new(StringComparer.Ordinal);

    /// <summary>
    /// The workspace's object store services; with <paramref name="create"/> false, null for a
    /// workspace of a local folder that does not exist (an upload never creates a workspace).
    /// </summary>
    public IServiceProvider? Get(string workspace, bool create)
    {
        if (!Workspace.IsValid(workspace) || workspace == Workspace.Default)
        {
            throw new ArgumentException(Workspace.Rule, nameof(workspace));
        }
        var directory = WorkspaceSettings.DataDirectory(data.Path, workspace);
        var local = (configuration[ObjectStoreRegistration.ProviderKey] ?? "local").Trim().Equals("local", StringComparison.OrdinalIgnoreCase);
        if (!create && local && !_stores.ContainsKey(workspace) && !Directory.Exists(directory))
        {
            return null;
        }
        return _stores.GetOrAdd(workspace, w => new Lazy<ServiceProvider>(() => Build(w, directory))).Value;
    }

    private ServiceProvider Build(string workspace, string directory)
    {
        var settings = new ConfigurationBuilder()
            .AddConfiguration(configuration)
            .AddInMemoryCollection(WorkspaceSettings.Overrides(configuration, workspace))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(settings);
        services.AddSingleton(time);
        services.AddConfiguredObjectStore(settings, directory);
        return services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores.Values.Where(s => s.IsValueCreated))
        {
            await store.Value.DisposeAsync();
        }
        _stores.Clear();
    }
}
