namespace PharmaRag.Gateway.Hosting;

/// <summary>How to start the gateway.</summary>
public sealed record GatewaySettings(string Urls, string DataDirectory, string[] ConfigurationArgs)
{
    public const string DefaultUrls = "http://127.0.0.1:8080";
}
