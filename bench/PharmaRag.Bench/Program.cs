using System.CommandLine;
using PharmaRag.Bench.Commands;
using PharmaRag.Server.Terminal;

var parse = BenchCommand.CreateRoot().Parse(args);
try
{
    // SIGTERM and Ctrl+C cancel the run's token (System.CommandLine 2.0.0 leaves this off by default), so a
    // long fill stops at its next write and the temporary data directory is removed; 10 s later the process ends anyway.
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TimeSpan.FromSeconds(10) });
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
