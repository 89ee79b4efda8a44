namespace PharmaRag.Server.Contracts;

/// <summary>A new key: what is stored, and the key itself, shown this once.</summary>
public sealed record CreatedKeyResponse(KeyResponse Key, string Secret);
