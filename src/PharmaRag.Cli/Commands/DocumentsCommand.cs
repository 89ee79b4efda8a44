using System.CommandLine;
using System.Text.Json;
using PharmaRag.Core.Storage;
using Spectre.Console;

namespace PharmaRag.Cli.Commands;

/// <summary>`pharmarag documents`: the documents of the data directory and their status.</summary>
internal static class DocumentsCommand
{
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var data = CommonOptions.Data();
        var command = new Command("documents", "List documents and their status") { json, data }.AcceptingSettings();
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliServices.OpenAsync(parse.GetValue(data), CliInvocation.From(parse), write: false, cancellationToken);
            var documents = await services.Get<IRagStore>().ListDocumentsAsync(cancellationToken);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(documents, QueryCommand.Json));
                return 0;
            }
            var table = new Table().AddColumns("Id", "File", "Status", "Step", "Progress", "Pending steps", "Pages", "Chunks", "Error");
            foreach (var d in documents)
            {
                table.AddRow(d.Id[..12], Markup.Escape(d.FileName), d.Status.ToString().ToLowerInvariant(),
                    d.Step ?? "", $"{d.Progress:P0}", string.Join(", ", d.PendingSteps),
                    d.Pages.ToString(), d.Chunks.ToString(), Markup.Escape(d.Error ?? ""));
            }
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
