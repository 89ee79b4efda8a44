namespace PharmaRag.Documents.Pdf;

/// <summary>
/// Tells a displayed formula from prose: a short block with an equals sign or operators, set
/// largely in a math font or made mostly of symbols, numbers and one-letter variables rather
/// than words, such as "CLcr = [(140 − age) × weight] / (72 × SCr)".
/// </summary>
internal static class EquationDetector
{
    private const string Operators = "=+−×÷/^<>≤≥±√∑∫∂∞·≈∝";

    public static bool IsEquation(LayoutItem item)
    {
        if (item.Lines.Count is 0 or > 4)
        {
            return false;
        }
        var text = item.PlainText;
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (text.Length > 200 || words.Length > 30 || text.StartsWith("Table", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("Fig", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var mathFont = item.Lines.SelectMany(l => l.Words).Count(w => w.MathFont) * 2 >= words.Length;
        var operators = text.Count(c => Operators.Contains(c));
        var hasRelation = text.Contains('=') || text.Contains('≈') || text.Contains('∝');
        var prose = words.Count(w => w.Count(char.IsLetter) >= 4 && w.All(c => char.IsLetter(c) || ",.;:()".Contains(c)));
        var nonSpace = text.Count(c => !char.IsWhiteSpace(c));
        var symbolic = nonSpace > 0 && (double)(operators + text.Count(char.IsDigit) + text.Count(c => c is '(' or ')' or '[' or ']')) / nonSpace >= 0.2;
        if (text.TrimEnd().EndsWith('.') && prose >= 5)
        {
            return false;
        }
        return hasRelation && operators >= 2 && (mathFont || symbolic || prose <= words.Length / 3);
    }
}
