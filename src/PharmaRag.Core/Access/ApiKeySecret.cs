using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace PharmaRag.Core.Access;

/// <summary>
/// The form of an API key: <c>prk_</c>, a 16-hex-digit public key id, <c>_</c>, and 32 random
/// bytes in base64url. Only the SHA-256 of the secret part is stored; a presented key is checked
/// by hashing it and comparing in constant time. 256 random bits make a salt or a slow hash
/// unnecessary: nobody can guess or brute-force such a secret from its hash.
/// </summary>
public static class ApiKeySecret
{
    public const string Prefix = "prk_";
    private const int KeyIdLength = 16;

    /// <summary>A new key for a workspace and role: the record to store and the key to show once.</summary>
    public static (ApiKeyRecord Record, string Key) Create(string workspace, ApiKeyRole role, string? name, DateTimeOffset now)
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyIdLength / 2));
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var record = new ApiKeyRecord(keyId, Hash(secret), workspace, role, name, now, null);
        return (record, $"{Prefix}{keyId}_{secret}");
    }

    /// <summary>Whether a bearer token has the shape of a PharmaRag key (as opposed to a JWT).</summary>
    public static bool LooksLikeKey(string token) => token.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Splits a presented key into its id and secret; false when it is malformed.</summary>
    public static bool TryParse(string token, out string keyId, out string secret)
    {
        keyId = secret = "";
        if (!LooksLikeKey(token) || token.Length < Prefix.Length + KeyIdLength + 2 || token.Length > 200
            || token[Prefix.Length + KeyIdLength] != '_')
        {
            return false;
        }
        keyId = token.Substring(Prefix.Length, KeyIdLength);
        secret = token[(Prefix.Length + KeyIdLength + 1)..];
        return keyId.All(char.IsAsciiHexDigitLower);
    }

    /// <summary>True when the secret hashes to the stored hash (constant-time comparison).</summary>
    public static bool Matches(ApiKeyRecord key, string secret) =>
        CryptographicOperations.FixedTimeEquals(Hash(secret), key.SecretSha256);

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
