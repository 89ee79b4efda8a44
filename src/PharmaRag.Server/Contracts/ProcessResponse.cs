namespace PharmaRag.Server.Contracts;

/// <summary>The document a process request refers to and whether it was queued.</summary>
public sealed record ProcessResponse(bool Queued, DocumentResponse Document);
