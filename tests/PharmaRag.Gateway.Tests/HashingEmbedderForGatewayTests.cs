using System.Runtime.CompilerServices;
using PharmaRag.Testing;

namespace PharmaRag.Gateway.Tests;

/// <summary>
/// These tests are about the gateway and its compute, not the embedding model: every server they
/// run (in this process, as always-on compute, or as a child process that inherits this
/// environment) uses the hashing embedder, fast to start and the same on every machine, unless
/// the environment already names one.
/// </summary>
internal static class HashingEmbedderForGatewayTests
{
    [ModuleInitializer]
    internal static void Pin() => TestModels.PinHashingEmbedderForProcess();
}
