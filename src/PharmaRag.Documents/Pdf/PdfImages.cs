using PharmaRag.Core.Content;
using UglyToad.PdfPig.Content;

namespace PharmaRag.Documents.Pdf;

/// <summary>The figures of a page as image items: icons, bullets and rules drawn as images are skipped.</summary>
internal static class PdfImages
{
    private const double MinSide = 40;

    // Below this many pixels on a side an image holds no text tesseract can read.
    private const int MinOcrPixels = 100;

    public static List<LayoutItem> Extract(Page page)
    {
        var items = new List<LayoutItem>();
        IEnumerable<IPdfImage> images;
        try
        {
            images = page.GetImages().ToList();
        }
        catch (Exception)
        {
            return items; // an undecodable image must not cost the page its text
        }
        foreach (var image in images)
        {
            var b = image.BoundingBox;
            if (b.Width < MinSide || b.Height < MinSide)
            {
                continue;
            }
            items.Add(new LayoutItem
            {
                Kind = BlockKind.Image,
                Box = new BoundingBox(b.Left, b.Bottom, b.Right, b.Top),
                Image = Encode(image),
            });
        }
        return items;
    }

    private static BlockImage? Encode(IPdfImage image)
    {
        try
        {
            var raw = image.RawMemory.Span;
            var worthOcr = image.WidthInSamples >= MinOcrPixels && image.HeightInSamples >= MinOcrPixels;
            if (raw.Length > 2 && raw[0] == 0xFF && raw[1] == 0xD8)
            {
                return new BlockImage("image/jpeg", raw.ToArray()) { WorthOcr = worthOcr };
            }
            return image.TryGetPng(out var png) ? new BlockImage("image/png", png) { WorthOcr = worthOcr } : null;
        }
        catch (Exception)
        {
            return null;
        }
    }
}
