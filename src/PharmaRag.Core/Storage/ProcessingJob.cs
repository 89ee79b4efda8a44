namespace PharmaRag.Core.Storage;

/// <summary>A claimed processing job.</summary>
public sealed record ProcessingJob(long Id, string DocumentId, int Attempts, string? LastError);
