using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Storage;

namespace PharmaRag.Core.Ingestion.Steps;

/// <summary>Embeds the document's chunks into the vector index, batch by batch.</summary>
public sealed class EmbedStep(IRagStore store, IVectorIndex vectors, ChunkEmbedder embedder, IOptions<IngestionOptions> options) : IIngestionStep
{
    public string Name => IngestionSteps.Embedding;

    public async Task<StepResult> RunAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        context.Chunks ??= await store.GetDocumentChunksAsync(context.Document.Id, cancellationToken);
        foreach (var batch in context.Chunks.Chunk(options.Value.BatchSize))
        {
            await vectors.UpsertAsync(await embedder.EmbedAsync(batch, cancellationToken), cancellationToken);
        }
        return StepResult.Success;
    }
}
