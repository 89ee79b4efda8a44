using System.CommandLine;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Storage;
using Spectre.Console;

namespace PharmaRag.Cli.Commands;

/// <summary>`pharmarag reindex`: rebuild the keyword and vector indexes from the stored chunks with the configured models.</summary>
internal static class ReindexCommand
{
    private const int BatchSize = 128;

    public static Command Create()
    {
        var data = CommonOptions.Data();
        var command = new Command("reindex", "Re-embed and re-index every stored chunk (after changing the embedding model)") { data }.AcceptingSettings();
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliServices.OpenAsync(parse.GetValue(data), CliInvocation.From(parse), write: true, cancellationToken, checkEmbeddingModel: false);
            var store = services.Get<IRagStore>();
            var keywords = services.Get<IKeywordIndex>();
            var vectors = services.Get<IVectorIndex>();
            var embedder = services.Get<ChunkEmbedder>();
            var total = (await store.ListDocumentsAsync(cancellationToken)).Sum(d => d.Chunks);
            var done = 0;
            await AnsiConsole.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask($"Re-indexing with {Markup.Escape(embedder.ModelSignature)}", maxValue: Math.Max(total, 1));
                var batch = new List<Chunk>(BatchSize);
                await foreach (var chunk in store.ReadAllChunksAsync(cancellationToken))
                {
                    batch.Add(chunk);
                    if (batch.Count == BatchSize)
                    {
                        done += await IndexAsync(batch);
                        task.Value = done;
                    }
                }
                done += await IndexAsync(batch);
                task.Value = task.MaxValue;
            });
            await services.Get<EmbeddingModelGuard>().RecordCurrentAsync(cancellationToken);
            AnsiConsole.MarkupLine($"Re-indexed {done} chunks with {Markup.Escape(embedder.ModelSignature)}.");
            return 0;

            async Task<int> IndexAsync(List<Chunk> batch)
            {
                if (batch.Count == 0)
                {
                    return 0;
                }
                await keywords.IndexAsync(batch, cancellationToken);
                await vectors.UpsertAsync(await embedder.EmbedAsync(batch, cancellationToken), cancellationToken);
                var count = batch.Count;
                batch.Clear();
                return count;
            }
        });
        return command;
    }
}
