using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using PharmaRag.Core.Ingestion;

namespace PharmaRag.Core.Graph;

/// <summary>
/// Extracts the graph with a chat model, as LightRAG does: one extraction turn and
/// <see cref="LlmExtractionSettings.Gleaning"/> gleaning turns per chunk, tuples parsed leniently,
/// brand names folded into their generic drug (from the model's aliases and the document's
/// "BRAND (generic)" definitions), and an entity described by many chunks summarised once.
/// A chunk whose model call fails or whose output is unusable is extracted by the offline rules
/// instead, so a document is never lost to a model. The chat client caches calls by a hash of
/// their content, so re-processing unchanged chunks costs no model call.
/// </summary>
public sealed partial class LlmGraphExtractor(
    IChatClient chat, OfflinePharmaExtractor offline, LlmExtractionSettings settings, ILogger<LlmGraphExtractor> logger) : IGraphExtractor
{
    private static readonly ChatOptions Deterministic = new() { Temperature = 0 };

    public string Description =>
        $"language model {chat.GetService<ChatClientMetadata>()?.DefaultModelId ?? "(unnamed)"} (LightRAG-style, {settings.Gleaning} gleaning), offline rules as fallback";

    public async Task<IReadOnlyList<ChunkGraph>> ExtractAsync(IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken)
    {
        var rules = await offline.ExtractAsync(chunks, cancellationToken);
        var canonical = CanonicalNames(rules);
        var graphs = new ChunkGraph[chunks.Count];
        var fallbacks = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, chunks.Count),
            new ParallelOptions { MaxDegreeOfParallelism = settings.MaxConcurrency, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var output = await ExtractChunkAsync(chunks[i], token);
                if (output is null)
                {
                    Interlocked.Increment(ref fallbacks);
                    graphs[i] = rules[i];
                    return;
                }
                graphs[i] = Canonicalise(new ChunkGraph(chunks[i].Id, chunks[i].DocumentId, output.Entities, output.Relations), canonical);
            });
        if (fallbacks > 0 && chunks.Count > 0)
        {
            LogFallback(chunks[0].DocumentId, fallbacks, chunks.Count);
        }
        return await SummariseAsync(TypeUntyped(graphs, rules), cancellationToken);
    }

    /// <summary>
    /// A relation endpoint the model did not list in that chunk arrives untyped (Concept); it
    /// takes the type the model gave it elsewhere in the document, else the one the rules found.
    /// </summary>
    private static ChunkGraph[] TypeUntyped(ChunkGraph[] graphs, IReadOnlyList<ChunkGraph> rules)
    {
        var known = graphs.SelectMany(g => g.Entities).Where(e => e.Type != EntityType.Concept)
            .Concat(rules.SelectMany(g => g.Entities).Where(e => e.Type != EntityType.Concept))
            .GroupBy(e => e.Key)
            .ToDictionary(g => g.Key, g => g.First().Type);
        return graphs.Select(g => g with
        {
            Entities = g.Entities.Select(e => e.Type == EntityType.Concept && known.TryGetValue(e.Key, out var type) ? e with { Type = type } : e).ToArray(),
        }).ToArray();
    }

    /// <summary>The model's extraction of one chunk, or null when it failed or made no sense.</summary>
    private async Task<ExtractionOutput?> ExtractChunkAsync(Chunk chunk, CancellationToken cancellationToken)
    {
        List<ChatMessage> messages =
        [
            new(ChatRole.System, ExtractionPrompt.System),
            new(ChatRole.User, ExtractionPrompt.User(chunk.Text, chunk.Section)),
        ];
        ExtractionOutput output;
        try
        {
            var response = await chat.GetResponseAsync(messages, Deterministic, cancellationToken);
            output = ExtractionOutputParser.Parse(response.Text);
            if (!output.IsUsable)
            {
                LogUnusable(chunk.Id, output.Rejected);
                return null;
            }
            messages.AddRange(response.Messages);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogCallFailed(ex, chunk.Id);
            return null;
        }

        for (var round = 0; round < settings.Gleaning; round++)
        {
            try
            {
                messages.Add(new ChatMessage(ChatRole.User, ExtractionPrompt.Gleaning));
                var response = await chat.GetResponseAsync(messages, Deterministic, cancellationToken);
                var more = ExtractionOutputParser.Parse(response.Text);
                if (more.Records == 0)
                {
                    break;
                }
                output = ExtractionOutputParser.Combine(output, more);
                messages.AddRange(response.Messages);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The first extraction stands; gleaning only adds.
                LogCallFailed(ex, chunk.Id);
                break;
            }
        }
        return output;
    }

    /// <summary>Alias key -> generic name, from the brand and acronym definitions the offline rules found in the document.</summary>
    private static Dictionary<string, string> CanonicalNames(IReadOnlyList<ChunkGraph> rules)
    {
        var canonical = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entity in rules.SelectMany(g => g.Entities))
        {
            foreach (var alias in entity.Aliases)
            {
                canonical.TryAdd(EntityKey.Of(alias), entity.Name);
            }
        }
        return canonical;
    }

    private static ChunkGraph Canonicalise(ChunkGraph graph, Dictionary<string, string> canonical)
    {
        string Name(string name) => canonical.GetValueOrDefault(EntityKey.Of(name)) ?? name;
        var entities = new Dictionary<string, EntityMention>(StringComparer.Ordinal);
        foreach (var entity in graph.Entities)
        {
            var name = Name(entity.Name);
            var renamed = name == entity.Name ? entity : entity with { Name = name, Aliases = [.. entity.Aliases, entity.Name] };
            var aliases = canonical.Where(c => EntityKey.Of(c.Value) == renamed.Key).Select(c => c.Key);
            renamed = renamed with { Aliases = renamed.Aliases.Concat(aliases).Where(a => EntityKey.Of(a) != renamed.Key).Distinct(StringComparer.OrdinalIgnoreCase).ToArray() };
            entities[renamed.Key] = entities.TryGetValue(renamed.Key, out var existing)
                ? existing with { Aliases = existing.Aliases.Concat(renamed.Aliases).Distinct(StringComparer.OrdinalIgnoreCase).ToArray() }
                : renamed;
        }
        var relations = graph.Relations
            .Select(r => r with { Source = Name(r.Source), Target = Name(r.Target) })
            .Where(r => EntityKey.Of(r.Source) != EntityKey.Of(r.Target))
            .GroupBy(r => r.Key)
            .Select(g => g.First() with { Weight = g.Sum(r => r.Weight) })
            .ToArray();
        return graph with { Entities = entities.Values.ToArray(), Relations = relations };
    }

    /// <summary>
    /// LightRAG's description merge: an entity that many chunks describe gets one summary from
    /// the model, written to each of its mentions in this document.
    /// </summary>
    private async Task<IReadOnlyList<ChunkGraph>> SummariseAsync(ChunkGraph[] graphs, CancellationToken cancellationToken)
    {
        var crowded = graphs.SelectMany(g => g.Entities)
            .GroupBy(e => e.Key)
            .Select(g => (Key: g.Key, Name: g.First().Name, Descriptions: g.Select(e => e.Description).Where(d => d.Length > 0).Distinct().ToArray()))
            .Where(e => e.Descriptions.Length > settings.SummaryThreshold)
            .ToArray();
        var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, name, descriptions) in crowded)
        {
            try
            {
                var response = await chat.GetResponseAsync(ExtractionPrompt.Summary(name, descriptions), Deterministic, cancellationToken);
                if (!string.IsNullOrWhiteSpace(response.Text))
                {
                    summaries[key] = response.Text.Trim();
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogCallFailed(ex, key);
            }
        }
        if (summaries.Count == 0)
        {
            return graphs;
        }
        return graphs.Select(g => g with
        {
            Entities = g.Entities.Select(e => summaries.TryGetValue(e.Key, out var summary) ? e with { Description = summary } : e).ToArray(),
        }).ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model extraction of {Fallbacks} of {Chunks} chunk(s) of document {DocumentId} failed; offline rules extracted them")]
    private partial void LogFallback(string documentId, int fallbacks, int chunks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model's extraction output for {ChunkId} had no usable tuple ({Rejected} line(s) rejected)")]
    private partial void LogUnusable(string chunkId, int rejected);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model call for {Item} failed")]
    private partial void LogCallFailed(Exception exception, string item);
}
