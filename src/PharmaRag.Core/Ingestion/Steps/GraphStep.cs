using PharmaRag.Core.Graph;
using PharmaRag.Core.Storage;

namespace PharmaRag.Core.Ingestion.Steps;

/// <summary>Extracts entities and relations from the document's chunks and replaces its part of the graph.</summary>
public sealed class GraphStep(IRagStore store, IGraphExtractor extractor, IGraphStore graph) : IIngestionStep
{
    public string Name => IngestionSteps.Graph;

    public async Task<StepResult> RunAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        context.Chunks ??= await store.GetDocumentChunksAsync(context.Document.Id, cancellationToken);
        await graph.ReplaceDocumentAsync(context.Document.Id, await extractor.ExtractAsync(context.Chunks, cancellationToken), cancellationToken);
        return StepResult.Success;
    }
}
