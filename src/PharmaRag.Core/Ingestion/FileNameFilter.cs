using System.Text.RegularExpressions;

namespace PharmaRag.Core.Ingestion;

/// <summary>Matches file names against ';'-separated glob patterns such as "*.pdf;*.docx".</summary>
public sealed class FileNameFilter
{
    private readonly Regex[] _patterns;

    public FileNameFilter(string patterns) =>
        _patterns = patterns
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => new Regex(
                "^" + Regex.Escape(p).Replace(@"\*", ".*").Replace(@"\?", ".") + "$",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
            .ToArray();

    public bool Matches(string fileName) => _patterns.Any(p => p.IsMatch(fileName));
}
