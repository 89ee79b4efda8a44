using System.Runtime.CompilerServices;
using PharmaRag.Testing;

namespace PharmaRag.Bench.Tests;

/// <summary>
/// These tests measure the harness, not the model: every workspace they open (in this process
/// or in a bench process it starts) runs the hashing embedder, fast and the same on every
/// machine, unless the environment already names one.
/// </summary>
internal static class HashingEmbedderForBenchTests
{
    [ModuleInitializer]
    internal static void Pin()
    {
        var (name, value) = TestModels.HashingEmbeddingsVariable;
        if (Environment.GetEnvironmentVariable(name) is null)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
