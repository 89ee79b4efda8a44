using System.Reflection;

namespace PharmaRag.Gateway.Tests;

/// <summary>The gateway (and the Lambda package built from it alone) carries no model: no embedding weights, no ONNX Runtime.</summary>
public sealed class GatewayDependencyTests
{
    [Fact]
    public void The_gateway_references_neither_the_models_nor_onnx_runtime()
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<AssemblyName>([typeof(PharmaRag.Gateway.Hosting.GatewayOptions).Assembly.GetName()]);
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

        Assert.Contains("PharmaRag.Gateway", seen);
        Assert.DoesNotContain("PharmaRag.Models", seen);
        Assert.DoesNotContain(seen, n => n.StartsWith("Microsoft.ML", StringComparison.Ordinal) || n.StartsWith("SentenceTransformers", StringComparison.Ordinal));
        // The Lambda project builds from the gateway alone.
        var lambda = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "PharmaRag.Gateway.Lambda", "PharmaRag.Gateway.Lambda.csproj"));
        Assert.DoesNotContain("PharmaRag.Models", lambda);
        Assert.DoesNotContain("PharmaRag.Server.csproj", lambda);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PharmaRag.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No PharmaRag.slnx above {AppContext.BaseDirectory}.");
    }
}
