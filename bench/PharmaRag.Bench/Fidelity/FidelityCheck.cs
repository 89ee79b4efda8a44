using PharmaRag.Bench.Scoring;

namespace PharmaRag.Bench.Fidelity;

/// <summary>Where a reference unit stands against the stored chunks, and, when missed, the likely reason.</summary>
public enum FidelityOutcome
{
    Found,
    /// <summary>The text runs to a chunk's end and goes on in no chunk: a chunk boundary cuts it.</summary>
    ChunkBoundary,
    /// <summary>Letters and digits match in order but spaces, hyphens or punctuation differ.</summary>
    SpacingOrPunctuation,
    /// <summary>
    /// A "row" whose cells are each stored but never in order in one chunk: mostly two text columns that
    /// the physical layout prints side by side and the parser rightly reads one after the other.
    /// </summary>
    RowCellsApart,
    /// <summary>A table row with a cell that no chunk holds.</summary>
    RowCellLost,
    /// <summary>The text goes on differently in the chunk (inserted, reordered or lost words).</summary>
    Diverges,
}

/// <summary>The verdict on one unit; <see cref="Matched"/> is how many of its key's characters one chunk holds, <see cref="Context"/> what the chunk holds next.</summary>
public sealed record FidelityResult(ReferenceUnit Unit, FidelityOutcome Outcome, int Matched, string Context);

/// <summary>
/// Checks reference units against the stored chunks of one document by the bench's answer rule:
/// a sentence counts when its normalised first <see cref="AnswerNormalizer.PrefixLength"/>
/// characters (or all of it, if shorter) are contained in one chunk; a table row when its cells,
/// normalised, occur in order in one chunk.
/// </summary>
public sealed class FidelityCheck
{
    private readonly string[] _chunks;
    private readonly string[] _letters;

    public FidelityCheck(IEnumerable<string> chunkTexts)
    {
        _chunks = chunkTexts.Select(AnswerNormalizer.Normalize).ToArray();
        _letters = _chunks.Select(LettersOnly).ToArray();
    }

    public FidelityResult Check(ReferenceUnit unit)
    {
        if (unit.IsRow)
        {
            var cells = unit.Cells.Select(AnswerNormalizer.Normalize).Where(c => c.Length > 0).ToArray();
            if (_chunks.Any(chunk => InOrder(chunk, cells)))
            {
                return new FidelityResult(unit, FidelityOutcome.Found, 0, "");
            }
            var best = _chunks.Max(chunk => CellsInOrder(chunk, cells));
            var stored = cells.All(cell => _chunks.Any(c => c.Contains(cell, StringComparison.Ordinal)));
            return new FidelityResult(unit, stored ? FidelityOutcome.RowCellsApart : FidelityOutcome.RowCellLost, best,
                $"{best} of {cells.Length} cells in order in one chunk");
        }

        var key = AnswerNormalizer.Keys(unit.Text)[^1];
        if (_chunks.Any(c => c.Contains(key, StringComparison.Ordinal)))
        {
            return new FidelityResult(unit, FidelityOutcome.Found, key.Length, "");
        }
        // The longest prefix some chunk holds: containment of a prefix is monotone in its length.
        int low = 0, high = key.Length - 1;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (_chunks.Any(c => c.Contains(key[..mid], StringComparison.Ordinal)))
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }
        var (context, atEnd) = After(key[..low]);
        var letters = LettersOnly(key);
        var outcome = letters.Length > 0 && _letters.Any(l => l.Contains(letters, StringComparison.Ordinal)) ? FidelityOutcome.SpacingOrPunctuation
            : atEnd && low > 0 ? FidelityOutcome.ChunkBoundary
            : FidelityOutcome.Diverges;
        return new FidelityResult(unit, outcome, low, context);
    }

    // What the first chunk holding the prefix has after it, and whether the prefix ends that chunk.
    private (string Context, bool AtEnd) After(string prefix)
    {
        var atEnd = false;
        string? first = null;
        foreach (var chunk in _chunks)
        {
            var at = chunk.IndexOf(prefix, StringComparison.Ordinal);
            while (at >= 0)
            {
                var end = at + prefix.Length;
                first ??= chunk[end..Math.Min(chunk.Length, end + 50)];
                if (chunk.Length - end <= 2)
                {
                    atEnd = true;
                }
                at = chunk.IndexOf(prefix, at + 1, StringComparison.Ordinal);
            }
        }
        return (atEnd ? "(chunk ends)" : first ?? "", atEnd);
    }

    private static bool InOrder(string chunk, IReadOnlyList<string> cells) => CellsInOrder(chunk, cells) == cells.Count;

    private static int CellsInOrder(string chunk, IReadOnlyList<string> cells)
    {
        var from = 0;
        for (var i = 0; i < cells.Count; i++)
        {
            var at = chunk.IndexOf(cells[i], from, StringComparison.Ordinal);
            if (at < 0)
            {
                return i;
            }
            from = at + cells[i].Length;
        }
        return cells.Count;
    }

    private static string LettersOnly(string text) => string.Concat(text.Where(char.IsLetterOrDigit));
}
