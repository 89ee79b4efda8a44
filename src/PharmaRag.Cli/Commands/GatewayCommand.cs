using System.CommandLine;
using PharmaRag.Server.Terminal;
using PharmaRag.Cli.Compute;
using PharmaRag.Core.Configuration;
using PharmaRag.Gateway.Hosting;

namespace PharmaRag.Cli.Commands;

/// <summary>`pharmarag gateway`: the front door that starts compute on demand and stops it when idle.</summary>
internal static class GatewayCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on", DefaultValueFactory = _ => GatewaySettings.DefaultUrls };
        var data = CommonOptions.Data();
        var compute = new Option<string>("--compute")
        {
            Description = "always-on (server in this process), local-process (child process on demand) or ecs",
            DefaultValueFactory = _ => "local-process",
        };
        compute.AcceptOnlyFromAmong("always-on", "local-process", "ecs");
        var idle = new Option<string?>("--idle-timeout") { Description = "Stop compute after this long idle, e.g. 30s, 5m (default 5m)" };
        var command = new Command("gateway", "Run the gateway: presigned uploads, events and queries, with compute started on demand")
        {
            urls, data, compute, idle,
        }.AcceptingSettings();
        command.SetAction(async (parse, cancellationToken) =>
        {
            var invocation = CliInvocation.From(parse);
            var configuration = new List<string>(invocation.HostArgs(quietLogs: false)) { $"--{GatewayOptions.Section}:Compute={parse.GetValue(compute)}" };
            if (parse.GetValue(idle) is { } idleText)
            {
                if (!DurationParser.TryParse(idleText, out var idleTimeout))
                {
                    throw new UsageException($"--idle-timeout: '{idleText}' is not a duration; write it as 30s, 5m or 1h.");
                }
                configuration.Add($"--{GatewayOptions.Section}:IdleTimeoutSeconds={idleTimeout.TotalSeconds}");
            }
            var configurationArgs = configuration.ToArray();
            var settings = new GatewaySettings(parse.GetValue(urls)!, DataDirectory.Resolve(parse.GetValue(data)), configurationArgs)
            {
                AlwaysOnCompute = AlwaysOnComputeController.Factory(configurationArgs),
            };
            await PharmaRagGateway.RunAsync(settings, cancellationToken);
            return 0;
        });
        return command;
    }
}
