using PharmaRag.Core.Documents;
using PharmaRag.Core.Ingestion;

namespace PharmaRag.Testing.Conformance;

/// <summary>Documents and chunks for store tests.</summary>
public static class SampleData
{
    public static DocumentRecord Document(string seed, string key = "uploads/sample.pdf") => new()
    {
        Id = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(seed))),
        Key = key,
        FileName = key[(key.LastIndexOf('/') + 1)..],
        MediaType = MediaTypes.Pdf,
        SizeBytes = 1234,
        CreatedAt = DateTimeOffset.UnixEpoch.AddDays(seed.Length),
        UpdatedAt = DateTimeOffset.UnixEpoch.AddDays(seed.Length),
    };

    public static Chunk Chunk(string documentId, int ordinal, string text, params int[] pages) => new()
    {
        Id = Core.Ingestion.Chunk.MakeId(documentId, ordinal),
        DocumentId = documentId,
        Ordinal = ordinal,
        Text = text,
        Tokens = text.Split(' ').Length,
        PageSpans = (pages.Length == 0 ? [1] : pages).Select((p, i) => new PageSpan(i * 10, p)).ToArray(),
        Section = ordinal % 2 == 0 ? "2 DOSAGE AND ADMINISTRATION" : null,
    };
}
