// pharmarag-gateway: the gateway on its own, for AWS Lambda (the Web Adapter forwards API Gateway,
// S3 and EventBridge events to its HTTP server). Usage:
//   pharmarag-gateway [--urls URL] [--data DIR] [--PharmaRag:Section:Key=value ...]
// Settings also come from the environment (PharmaRag__Gateway__Compute=ecs, ...), as in the server.
using Microsoft.Extensions.Options;
using PharmaRag.Gateway.Hosting;

var urls = $"http://127.0.0.1:{Environment.GetEnvironmentVariable("PORT") ?? "8080"}";
var data = Path.Combine(Path.GetTempPath(), "pharmarag");
var configuration = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--urls" when i + 1 < args.Length:
            urls = args[++i];
            break;
        case "--data" when i + 1 < args.Length:
            data = args[++i];
            break;
        default:
            configuration.Add(args[i]);
            break;
    }
}
try
{
    await PharmaRagGateway.RunAsync(new GatewaySettings(urls, data, configuration.ToArray()), CancellationToken.None);
    return 0;
}
catch (Exception error) when (error is OptionsValidationException or InvalidOperationException or IOException)
{
    Console.Error.WriteLine($"pharmarag-gateway: {error.Message.ReplaceLineEndings(" ")} (fix the setting named and start again)");
    return 1;
}
