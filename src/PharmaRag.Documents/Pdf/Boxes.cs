using PharmaRag.Core.Content;

namespace PharmaRag.Documents.Pdf;

/// <summary>Geometry on <see cref="BoundingBox"/> (PDF points, origin bottom-left).</summary>
internal static class Boxes
{
    public static double Width(this BoundingBox b) => b.Right - b.Left;

    public static double Height(this BoundingBox b) => b.Top - b.Bottom;

    public static double CenterX(this BoundingBox b) => (b.Left + b.Right) / 2;

    public static double CenterY(this BoundingBox b) => (b.Top + b.Bottom) / 2;

    public static BoundingBox Union(this BoundingBox a, BoundingBox b) =>
        new(Math.Min(a.Left, b.Left), Math.Min(a.Bottom, b.Bottom), Math.Max(a.Right, b.Right), Math.Max(a.Top, b.Top));

    public static BoundingBox Union(IEnumerable<BoundingBox> boxes) => boxes.Aggregate(Union);

    public static double OverlapX(this BoundingBox a, BoundingBox b) => Math.Min(a.Right, b.Right) - Math.Max(a.Left, b.Left);

    public static double OverlapY(this BoundingBox a, BoundingBox b) => Math.Min(a.Top, b.Top) - Math.Max(a.Bottom, b.Bottom);

    public static bool Contains(this BoundingBox outer, double x, double y, double tolerance = 0) =>
        x >= outer.Left - tolerance && x <= outer.Right + tolerance && y >= outer.Bottom - tolerance && y <= outer.Top + tolerance;
}
