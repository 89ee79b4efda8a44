using System.Security.Cryptography;

namespace PharmaRag.Core.Documents;

/// <summary>Document ids are the lower-case hex SHA-256 of the document's bytes.</summary>
public static class DocumentId
{
    public static async Task<string> ComputeAsync(Stream content, CancellationToken cancellationToken)
    {
        var hash = await SHA256.HashDataAsync(content, cancellationToken);
        return Convert.ToHexStringLower(hash);
    }

    public static string FromHash(byte[] sha256) => Convert.ToHexStringLower(sha256);

    public static bool IsValid(string id) =>
        id.Length == 64 && id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
