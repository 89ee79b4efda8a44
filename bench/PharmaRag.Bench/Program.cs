using System.CommandLine;
using PharmaRag.Bench.Commands;
using PharmaRag.Server.Terminal;

var parse = BenchCommand.CreateRoot().Parse(args);
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
    // The product CLI's wording: one line naming the cause and the fix (an invalid setting names the key).
    return TerminalError.Report(error, parse.GetValue(BenchCommand.Verbose));
}
