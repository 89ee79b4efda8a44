using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace PharmaRag.Bench.Commands;

/// <summary>
/// Progress on standard error, so standard output carries only the report: a Spectre.Console
/// progress bar on a terminal, one line per phase when standard error is a file or a pipe.
/// </summary>
internal sealed class BenchConsole(TextWriter error)
{
    private readonly IAnsiConsole? _terminal = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected
        ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })
        : null;

    public TextWriter Error => error;

    public async Task<T> RunAsync<T>(string phase, int total, Func<IProgress<int>, Task<T>> work)
    {
        if (_terminal is null)
        {
            var clock = Stopwatch.StartNew();
            var result = await work(new Progress<int>());
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{phase}: done in {clock.Elapsed.TotalSeconds:0.0} s"));
            return result;
        }
        T value = default!;
        await _terminal.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(phase), maxValue: Math.Max(1, total));
                value = await work(new TaskProgress(task));
                task.Value = task.MaxValue;
                task.StopTask();
            });
        return value;
    }

    private sealed class TaskProgress(ProgressTask task) : IProgress<int>
    {
        public void Report(int value) => task.Value = value;
    }
}
