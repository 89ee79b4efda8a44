namespace PharmaRag.Core.Storage;

/// <summary>What the store knows of an object after writing it.</summary>
public sealed record ObjectInfo(string Key, long Size, string Sha256);
