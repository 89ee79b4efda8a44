using PharmaRag.Core.Content;

namespace PharmaRag.Documents.Pdf;

/// <summary>A word rebuilt from letters in left-to-right order, with the style headings are told by.</summary>
internal sealed record PdfWord(string Text, BoundingBox Box, double Baseline, double Size, bool Bold, bool MathFont);
