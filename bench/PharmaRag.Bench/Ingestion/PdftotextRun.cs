using System.Diagnostics;

namespace PharmaRag.Bench.Ingestion;

/// <summary>poppler's pdftotext over the same files, the reference for ingestion speed.</summary>
internal static class PdftotextRun
{
    /// <summary>Seconds to extract the text of every file with <paramref name="processes"/> pdftotext processes at a time.</summary>
    public static async Task<double> TimeAsync(string[] files, int processes, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = processes, CancellationToken = cancellationToken },
            async (file, token) =>
            {
                var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var argument in new[] { "-q", file, "-" })
                {
                    start.ArgumentList.Add(argument);
                }
                using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext could not be started; install poppler-utils.");
                var drain = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, token);
                var errors = process.StandardError.ReadToEndAsync(token);
                await process.WaitForExitAsync(token);
                await drain;
                await errors;
            });
        return clock.Elapsed.TotalSeconds;
    }
}
