using System.Reflection;
using PharmaRag.Gateway.Hosting;

namespace PharmaRag.Gateway.Tests;

/// <summary>What the gateway's Lambda package can contain: the gateway's assemblies and what they reference.</summary>
public sealed class GatewayDependencyTests
{
    [Fact]
    public void The_gateway_references_no_server_parser_model_or_database_assembly()
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<AssemblyName>([typeof(PharmaRagGateway).Assembly.GetName()]);
        while (pending.TryPop(out var name))
        {
            if (!seen.Add(name.Name!) || !name.Name!.StartsWith("PharmaRag.", StringComparison.Ordinal))
            {
                continue; // the closure of our own assemblies, and the names of everything they reference
            }
            foreach (var reference in Assembly.Load(name).GetReferencedAssemblies())
            {
                pending.Push(reference);
            }
        }

        Assert.Equal(["PharmaRag.Core", "PharmaRag.Gateway", "PharmaRag.Hosting", "PharmaRag.Storage.FileSystem", "PharmaRag.Storage.S3"],
            seen.Where(n => n.StartsWith("PharmaRag.", StringComparison.Ordinal)));
        Assert.DoesNotContain(seen, n => n.StartsWith("UglyToad.PdfPig", StringComparison.Ordinal)
            || n.StartsWith("Microsoft.ML", StringComparison.Ordinal) || n.StartsWith("Lucene", StringComparison.Ordinal)
            || n.Contains("Sqlite", StringComparison.OrdinalIgnoreCase) || n.StartsWith("Npgsql", StringComparison.Ordinal)
            || n.StartsWith("DocumentFormat.OpenXml", StringComparison.Ordinal) || n.StartsWith("Neo4j", StringComparison.Ordinal)
            || n.StartsWith("SentenceTransformers", StringComparison.Ordinal));
        Assert.Contains("AWSSDK.S3", seen);
    }
}
