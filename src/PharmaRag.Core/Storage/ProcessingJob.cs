namespace PharmaRag.Core.Storage;

/// <summary>A claimed processing job.</summary>
public sealed record ProcessingJob(long Id, string DocumentId, int Attempts, string? LastError)
{
    /// <summary>The last step this job completed in an earlier run (null when none): processing resumes after it.</summary>
    public string? LastStep { get; init; }
}
