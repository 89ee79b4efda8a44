namespace PharmaRag.Core.Content;

/// <summary>A rectangle on a page in PDF points, origin bottom-left.</summary>
public readonly record struct BoundingBox(double Left, double Bottom, double Right, double Top);
