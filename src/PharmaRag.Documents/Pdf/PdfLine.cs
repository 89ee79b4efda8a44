using PharmaRag.Core.Content;

namespace PharmaRag.Documents.Pdf;

/// <summary>
/// Words on one baseline that sit close together. A printed line holding two columns, or the
/// cells of a borderless table, is several <see cref="PdfLine"/>s split at the wide gaps.
/// </summary>
internal sealed class PdfLine
{
    public PdfLine(IReadOnlyList<PdfWord> words)
    {
        Words = words;
        Box = Boxes.Union(words.Select(w => w.Box));
        Baseline = words.Max(w => w.Baseline);
        Size = words.Select(w => w.Size).Order().ElementAt(words.Count / 2);
        var letters = words.Sum(w => w.Text.Length);
        Bold = words.Where(w => w.Bold).Sum(w => w.Text.Length) >= 0.8 * letters;
        Text = string.Join(' ', words.Select(w => w.Text));
    }

    public IReadOnlyList<PdfWord> Words { get; }
    public BoundingBox Box { get; }
    public double Baseline { get; }
    public double Size { get; }
    public bool Bold { get; }
    public string Text { get; }

    /// <summary>Running headers and footers are marked, not removed, so an otherwise empty page can keep them.</summary>
    public bool Running { get; set; }

    public override string ToString() => Text;
}
