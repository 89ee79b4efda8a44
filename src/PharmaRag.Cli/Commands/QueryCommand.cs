using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using PharmaRag.Core.Retrieval;
using Spectre.Console;

namespace PharmaRag.Cli.Commands;

/// <summary>`pharmarag query "QUESTION"`: answer from the data directory, with citations.</summary>
internal static class QueryCommand
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = true,
    };

    public static Command Create()
    {
        var question = new Argument<string>("question") { Description = "The question" };
        var mode = new Option<QueryMode>("--mode") { Description = "naive, local, global, hybrid or mix", DefaultValueFactory = _ => QueryMode.Mix };
        var topK = new Option<int?>("--top-k") { Description = "Chunks to retrieve" };
        var json = CommonOptions.Json();
        var data = CommonOptions.Data();
        var command = new Command("query", "Ask a question of the ingested documents") { question, mode, topK, json, data }.AcceptingSettings();
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliServices.OpenAsync(parse.GetValue(data), CliInvocation.From(parse), write: false, cancellationToken);
            var answer = await services.Get<RagQueryService>().QueryAsync(
                new RagQuery(parse.GetValue(question)!) { Mode = parse.GetValue(mode), TopK = parse.GetValue(topK) }, cancellationToken);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(answer, Json));
                return 0;
            }
            AnsiConsole.WriteLine(answer.Answer);
            if (answer.Citations.Count > 0)
            {
                var table = new Table().AddColumns("#", "Document", "Page", "Passage");
                for (var i = 0; i < answer.Citations.Count; i++)
                {
                    var c = answer.Citations[i];
                    table.AddRow((i + 1).ToString(), Markup.Escape(c.FileName), c.Page.ToString(), Markup.Escape(c.Text));
                }
                AnsiConsole.Write(table);
            }
            return 0;
        });
        return command;
    }
}
