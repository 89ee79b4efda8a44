using System.CommandLine;
using PharmaRag.Cli.Commands;

var root = new RootCommand("PharmaRag: multimodal knowledge-graph RAG for pharmaceutical documents.")
{
    ServeCommand.Create(),
    GatewayCommand.Create(),
    IngestCommand.Create(),
    QueryCommand.Create(),
    DocumentsCommand.Create(),
    ReindexCommand.Create(),
    PharmaRag.Bench.Commands.BenchCommand.Create(),
    ParseCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
