using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Documents;
using PharmaRag.Core.Storage;

namespace PharmaRag.Core.Ingestion.Steps;

/// <summary>Writes the chunks and their keyword index entries in batches, reporting progress per batch.</summary>
public sealed class IndexStep(IRagStore store, IKeywordIndex keywords, IVectorIndex vectors, ChunkStep chunking, IOptions<IngestionOptions> options)
    : IIngestionStep
{
    /// <summary>Share of the document's progress bar before and after indexing.</summary>
    public const double Start = 0.72, End = 0.98;

    public string Name => IngestionSteps.Indexing;

    public async Task<StepResult> RunAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        if (context.Chunks is null && await chunking.RunAsync(context, cancellationToken) is { Outcome: not StepOutcome.Success } failed)
        {
            return failed;
        }
        var chunks = context.Chunks!;
        var id = context.Document.Id;
        var batchSize = options.Value.BatchSize;
        for (var offset = 0; offset < chunks.Count; offset += batchSize)
        {
            var batch = chunks.Skip(offset).Take(batchSize).ToArray();
            await store.UpsertChunksAsync(batch, cancellationToken);
            await keywords.IndexAsync(batch, cancellationToken);
            var update = new DocumentStatusUpdate(DocumentStatus.Processing)
            {
                Step = Name, Progress = Start + (End - Start) * (offset + batch.Length) / chunks.Count,
            };
            if (!await store.UpdateStatusAsync(id, update, cancellationToken))
            {
                return StepResult.Gone;
            }
        }

        // A previous, longer run of this same document may have left chunks past the new end.
        var stale = await store.DeleteChunksFromAsync(id, chunks.Count, cancellationToken);
        await keywords.RemoveAsync(stale, cancellationToken);
        await vectors.RemoveAsync(stale, cancellationToken);
        return await store.UpdateStatusAsync(id, new DocumentStatusUpdate(DocumentStatus.Processing) { Step = Name, Chunks = chunks.Count }, cancellationToken)
            ? StepResult.Success
            : StepResult.Gone;
    }
}
