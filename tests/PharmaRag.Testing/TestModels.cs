namespace PharmaRag.Testing;

/// <summary>
/// The models every test host runs with unless the test is about models: offline chat and the
/// deterministic hashing embedder (fast, the same on every machine). The product's default
/// embedder, the built-in neural model, is tested by the tests that name it.
/// </summary>
public static class TestModels
{
    /// <summary>Command-line settings (put first, so a test's own settings win).</summary>
    public static IReadOnlyList<string> OfflineArguments { get; } =
        ["--PharmaRag:Models:Chat=offline", "--PharmaRag:Models:Embeddings=hashing"];

    /// <summary>The embedder as an environment variable, for processes started by tests.</summary>
    public static KeyValuePair<string, string> HashingEmbeddingsVariable { get; } = new("PharmaRag__Models__Embeddings", "hashing");

    /// <summary>
    /// Makes this test process, and every process it starts, run the hashing embedder unless the
    /// environment already names one: for test projects about something other than the model.
    /// </summary>
    public static void PinHashingEmbedderForProcess()
    {
        var (name, value) = HashingEmbeddingsVariable;
        if (Environment.GetEnvironmentVariable(name) is null)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
