namespace PharmaRag.Documents.Ocr;

/// <summary>Splits OCR output into paragraphs at blank lines, joining the lines of each.</summary>
internal static class OcrParagraphs
{
    public static List<string> Split(string text) =>
        text.Replace("\r\n", "\n")
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => Pdf.Hyphenation.JoinLines(p.Split('\n'), null))
            .Where(p => p.Any(char.IsLetterOrDigit))
            .ToList();
}
