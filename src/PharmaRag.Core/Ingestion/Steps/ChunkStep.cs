using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Content;
using PharmaRag.Core.Storage;

namespace PharmaRag.Core.Ingestion.Steps;

/// <summary>
/// Cuts the saved content list into chunks, non-text blocks described offline (captions, cells,
/// equation text) so that the document is searchable before any model has looked at it.
/// Chunking is deterministic, so a resumed run rebuilds the same chunks from the saved list.
/// </summary>
public sealed class ChunkStep(IRagStore store, TextChunker chunker, IOptions<LimitsOptions> limits) : IIngestionStep
{
    private static readonly OfflineBlockDescriber Offline = new();

    public string Name => IngestionSteps.Chunking;

    public async Task<StepResult> RunAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        context.Parsed ??= await store.GetContentListAsync(context.Document.Id, cancellationToken);
        if (context.Parsed is null)
        {
            return StepResult.Fatal("Internal error in the chunking step: the parsed content list was not saved. Process the document again.");
        }
        var described = await Offline.DescribeAsync(context.Parsed, cancellationToken);
        var chunks = chunker.Chunk(context.Document.Id, described);
        var max = limits.Value.MaxChunks;
        if (chunks.Count > max)
        {
            return StepResult.Fatal(LimitsOptions.Exceeded(nameof(LimitsOptions.MaxChunks), max, $"The document makes {chunks.Count} chunks"));
        }
        context.Chunks = chunks;
        return StepResult.Success;
    }
}
