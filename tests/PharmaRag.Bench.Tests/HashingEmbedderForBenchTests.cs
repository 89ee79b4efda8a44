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
    internal static void Pin() => TestModels.PinHashingEmbedderForProcess();
}
