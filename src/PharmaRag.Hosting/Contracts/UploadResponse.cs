namespace PharmaRag.Server.Contracts;

/// <summary>What an upload stored, and the document it queued when it matched the processing filter.</summary>
public sealed record UploadResponse(string Key, long Size, string Sha256, DocumentResponse? Document);
