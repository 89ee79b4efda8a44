using System.CommandLine;
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
        };
        // Unrecognised tokens such as --PharmaRag:Ingestion:Workers=1 are configuration overrides.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new ServerSettings(
                parse.GetValue(urls)!, DataDirectory.Resolve(parse.GetValue(data)), parse.UnmatchedTokens.ToArray());
            try
            {
                await PharmaRagServer.RunAsync(settings, cancellationToken);
                return 0;
            }
            catch (InvalidOperationException ex) when (ex.InnerException is IOException)
            {
                await Console.Error.WriteLineAsync(ex.Message);
                return 2;
            }
        });
        return command;
    }
}
