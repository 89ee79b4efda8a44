using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace PharmaRag.Bench.Commands;

/// <summary>Warnings and errors of the harness and the pipeline, on standard error so the report stays clean.</summary>
internal static class BenchLogging
{
    public static ILoggerFactory Create() => LoggerFactory.Create(logging => logging
        .AddSimpleConsole(o => o.SingleLine = true)
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
        .SetMinimumLevel(LogLevel.Warning));
}
