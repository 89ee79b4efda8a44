using System.CommandLine;
using PharmaRag.Cli.Commands;
using PharmaRag.Server.Terminal;

var root = new RootCommand("PharmaRag: multimodal knowledge-graph RAG for pharmaceutical documents.")
{
    ServeCommand.Create(),
    GatewayCommand.Create(),
    IngestCommand.Create(),
    QueryCommand.Create(),
    DocumentsCommand.Create(),
    ReindexCommand.Create(),
    ParseCommand.Create(),
    DbCommand.Create(),
    KeysCommand.Create(),
    AuditCommand.Create(),
    CommonOptions.Verbose,
};
var parse = root.Parse(args);
try
{
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (OperationCanceledException)
{
    return 130;
}
catch (Exception error)
{
    return TerminalError.Report(error, parse.GetValue(CommonOptions.Verbose));
}
