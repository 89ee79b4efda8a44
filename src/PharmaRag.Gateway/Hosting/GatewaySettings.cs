namespace PharmaRag.Gateway.Hosting;

/// <summary>How to start the gateway.</summary>
public sealed record GatewaySettings(string Urls, string DataDirectory, string[] ConfigurationArgs)
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>
    /// Compute for always-on mode: the server inside this process. The pharmarag command-line
    /// program provides it; the gateway alone (as packaged for Lambda) has no server to run.
    /// </summary>
    public Func<IServiceProvider, Compute.IComputeController>? AlwaysOnCompute { get; init; }
}
