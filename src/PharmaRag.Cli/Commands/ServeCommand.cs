using System.CommandLine;
using PharmaRag.Cli.Terminal;
using PharmaRag.Core.Configuration;
using PharmaRag.Server.Hosting;

namespace PharmaRag.Cli.Commands;

/// <summary>`pharmarag serve`: the whole system in one process.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Addresses to listen on",
            DefaultValueFactory = _ => ServerSettings.DefaultUrls,
        };
        var data = CommonOptions.Data();
        var command = new Command("serve", "Run the API, the upload store and the ingestion worker in one process")
        {
            urls, data,
        }.AcceptingSettings();
        command.SetAction(async (parse, cancellationToken) =>
        {
            var invocation = CliInvocation.From(parse);
            var settings = new ServerSettings(
                parse.GetValue(urls)!, DataDirectory.Resolve(parse.GetValue(data)), invocation.HostArgs(quietLogs: false));
            await PharmaRagServer.RunAsync(settings, cancellationToken, started: OcrNotice.WarnIfMissing);
            return 0;
        });
        return command;
    }
}
