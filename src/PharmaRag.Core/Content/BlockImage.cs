namespace PharmaRag.Core.Content;

/// <summary>The encoded bytes of an image block, kept so a vision model can describe it.</summary>
/// <param name="MediaType">For example image/png or image/jpeg.</param>
/// <param name="Bytes">The encoded image.</param>
public sealed record BlockImage(string MediaType, byte[] Bytes);
