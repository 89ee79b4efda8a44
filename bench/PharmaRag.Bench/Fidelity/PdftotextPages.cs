using System.Diagnostics;

namespace PharmaRag.Bench.Fidelity;

/// <summary>poppler's pdftotext text of a PDF, one string per page (it ends every page with a form feed).</summary>
internal static class PdftotextPages
{
    public static async Task<IReadOnlyList<string>> ReadAsync(string pdf, bool layout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (layout ? new[] { "-layout" } : []).Concat(["-q", "-enc", "UTF-8", pdf, "-"]))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext could not be started; install poppler-utils.");
        var text = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        await errors;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pdftotext failed on {pdf} (exit code {process.ExitCode}).");
        }
        var pages = (await text).Split('\f');
        return pages.Length > 1 && pages[^1].Trim().Length == 0 ? pages[..^1] : pages;
    }
}
