using PharmaRag.Core.Content;
using PharmaRag.Core.Documents;
using PharmaRag.Core.Storage;

namespace PharmaRag.Core.Ingestion.Steps;

/// <summary>
/// Reads text inside figures (OCR) and describes tables, images and equations with the configured
/// describer, then saves the richer content list and re-indexes the chunks whose text changed.
/// With the offline describer and no figure text this changes nothing and costs next to nothing.
/// </summary>
public sealed class DescribeStep(
    IRagStore store,
    IKeywordIndex keywords,
    IVectorIndex vectors,
    IBlockDescriber describer,
    TextChunker chunker,
    IEnumerable<IFigureTextReader> figureReaders) : IIngestionStep
{
    public string Name => IngestionSteps.Describing;

    public async Task<StepResult> RunAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        var id = context.Document.Id;
        var parsed = context.Parsed ?? await store.GetContentListAsync(id, cancellationToken);
        if (parsed is null)
        {
            return StepResult.Fatal("Internal error in the describing step: the parsed content list was not saved. Process the document again.");
        }
        foreach (var reader in figureReaders.Where(r => r.IsAvailable))
        {
            parsed = await reader.ReadFiguresAsync(parsed, cancellationToken);
        }
        parsed = await describer.DescribeAsync(parsed, cancellationToken);
        await store.SaveContentListAsync(id, parsed, cancellationToken);
        context.Parsed = parsed;

        var chunks = chunker.Chunk(id, parsed);
        var stored = (await store.GetDocumentChunksAsync(id, cancellationToken)).ToDictionary(c => c.Id);
        var changed = chunks
            .Where(c => !stored.TryGetValue(c.Id, out var old) || old.Text != c.Text || old.Section != c.Section || old.Kind != c.Kind)
            .ToArray();
        if (changed.Length > 0)
        {
            await store.UpsertChunksAsync(changed, cancellationToken);
            await keywords.IndexAsync(changed, cancellationToken);
        }
        var stale = await store.DeleteChunksFromAsync(id, chunks.Count, cancellationToken);
        await keywords.RemoveAsync(stale, cancellationToken);
        await vectors.RemoveAsync(stale, cancellationToken);
        context.Chunks = chunks;
        return changed.Length == 0 && stale.Count == 0
               || await store.UpdateStatusAsync(id, new DocumentStatusUpdate(DocumentStatus.Processed) { Chunks = chunks.Count }, cancellationToken)
            ? StepResult.Success
            : StepResult.Gone;
    }
}
