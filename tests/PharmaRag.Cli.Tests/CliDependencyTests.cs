using System.Reflection;

namespace PharmaRag.Cli.Tests;

/// <summary>The benchmark harness is its own executable (pharmarag-bench), not part of the product CLI.</summary>
public sealed class CliDependencyTests
{
    [Fact]
    public void The_cli_references_no_benchmark_assembly()
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<AssemblyName>([new AssemblyName("pharmarag")]);
        while (pending.TryPop(out var name))
        {
            if (!seen.Add(name.Name!) || !(name.Name!.StartsWith("PharmaRag.", StringComparison.Ordinal) || name.Name == "pharmarag"))
            {
                continue; // the closure of our own assemblies, and the names of everything they reference
            }
            foreach (var reference in Assembly.Load(name).GetReferencedAssemblies())
            {
                pending.Push(reference);
            }
        }

        Assert.Contains("PharmaRag.Server", seen);
        // Lucene.Net itself is the product's keyword index; its query parser is the bench baseline's alone.
        Assert.DoesNotContain(seen, n => n.Contains("Bench", StringComparison.OrdinalIgnoreCase) || n.StartsWith("Lucene.Net.QueryParser", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, "pharmarag-bench.dll")));
    }
}
