namespace PharmaRag.Documents;

/// <summary>Reads a whole upload into memory, reusing a MemoryStream's buffer when it can.</summary>
internal static class StreamBytes
{
    public static async Task<byte[]> ReadAllAsync(Stream content, CancellationToken cancellationToken)
    {
        if (content is MemoryStream memory && memory.TryGetBuffer(out var segment) && segment.Offset == 0 && memory.Position == 0)
        {
            return segment.Count == segment.Array!.Length ? segment.Array : memory.ToArray();
        }
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }
}
