using PharmaRag.Core.Retrieval;

namespace PharmaRag.Bench.Commands;

/// <summary>
/// Which query modes a run reports. Only modes that really run their own retrieval today
/// (<see cref="RagQueryService.ImplementedModes"/>) are measured: a row for a mode that silently
/// falls back to another would report the fallback under a false name.
/// </summary>
internal static class ModeSelection
{
    public const string All = "all";

    /// <summary>The mode a query that names none runs, when it is implemented; else the first implemented mode.</summary>
    public static QueryMode Default
    {
        get
        {
            var requested = new RagQuery("").Mode;
            return RagQueryService.ImplementedModes.Contains(requested) ? requested : RagQueryService.ImplementedModes[0];
        }
    }

    public static bool TryParse(string? value, out IReadOnlyList<QueryMode> modes, out string error)
    {
        error = "";
        modes = RagQueryService.ImplementedModes;
        if (string.IsNullOrWhiteSpace(value) || value.Equals(All, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        var implemented = string.Join(", ", RagQueryService.ImplementedModes.Select(m => m.ToString().ToLowerInvariant()));
        if (!Enum.TryParse<QueryMode>(value, ignoreCase: true, out var mode) || int.TryParse(value, out _))
        {
            error = $"Unknown mode '{value}'. Modes: {implemented} or {All}.";
            return false;
        }
        if (!RagQueryService.ImplementedModes.Contains(mode))
        {
            error = $"Mode '{value}' is not implemented yet, so it has nothing of its own to measure. Implemented: {implemented}.";
            return false;
        }
        modes = [mode];
        return true;
    }

    /// <summary>The mode the summary line reports: the default when it ran, else the first that did.</summary>
    public static QueryMode Summary(IReadOnlyList<QueryMode> modes) => modes.Contains(Default) ? Default : modes[0];
}
