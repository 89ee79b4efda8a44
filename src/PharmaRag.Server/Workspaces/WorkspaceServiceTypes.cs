using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PharmaRag.Core.Access;
using PharmaRag.Server.Hosting;
using PharmaRag.Server.Uploads;

namespace PharmaRag.Server.Workspaces;

/// <summary>
/// The service types a workspace owns: everything the composition root registers (stores,
/// object store, ingestion, retrieval, models), found by registering it on an empty collection,
/// so that a port added later is partitioned without being listed here. The API key store and
/// the audit log stay the deployment's.
/// </summary>
public sealed class WorkspaceServiceTypes
{
    private readonly HashSet<Type> _types;

    public WorkspaceServiceTypes(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddPharmaRag(configuration, Path.Combine(Path.GetTempPath(), "pharmarag-unused"));
        services.AddSingleton<IUploadListener, IntakeUploadListener>();
        _types = services
            .Where(d => !d.ServiceType.IsGenericTypeDefinition && !d.ServiceType.IsGenericType)
            .Select(d => d.ServiceType)
            .Where(t => t != typeof(IApiKeyStore) && t != typeof(IAuditLog) && t != typeof(TimeProvider))
            .ToHashSet();
    }

    /// <summary>True for a workspace-owned type, or a sequence of one (IEnumerable&lt;T&gt;).</summary>
    public bool Contains(Type type) =>
        _types.Contains(type)
        || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>) && _types.Contains(type.GenericTypeArguments[0]));
}
