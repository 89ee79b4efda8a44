namespace PharmaRag.Core.Content;

/// <summary>The encoded bytes of an image block, kept so a vision model can describe it.</summary>
/// <param name="MediaType">For example image/png or image/jpeg.</param>
/// <param name="Bytes">The encoded image.</param>
public sealed record BlockImage(string MediaType, byte[] Bytes)
{
    /// <summary>
    /// False when OCR cannot add text: the image is too small to hold readable text, or the page's
    /// text layer already prints words over it (a chart whose labels are text).
    /// </summary>
    public bool WorthOcr { get; init; } = true;
}
