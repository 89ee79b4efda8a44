namespace PharmaRag.Core.Storage;

/// <summary>One object found by listing a prefix of the store.</summary>
public sealed record StoredObject(string Key, long Size, DateTimeOffset LastModified);
