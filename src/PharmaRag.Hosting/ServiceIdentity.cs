using System.Reflection;

namespace PharmaRag.Server.Hosting;

/// <summary>The service name and version every /health reports.</summary>
public static class ServiceIdentity
{
    public const string Name = "pharma-rag";

    public static readonly string Version =
        typeof(ServiceIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
