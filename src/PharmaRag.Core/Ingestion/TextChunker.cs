using System.Text;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Content;
using PharmaRag.Core.Text;

namespace PharmaRag.Core.Ingestion;

/// <summary>
/// Packs a content list into chunks of about <see cref="IngestionOptions.ChunkTokens"/> tokens.
/// Sentences are never cut unless one alone is larger than a chunk; a new section starts a new
/// chunk; the last sentences of a chunk are repeated at the start of the next for context; and
/// each chunk records which page every part of its text came from. Tables are chunked by rows
/// (see <see cref="TableChunker"/>): a row is never split and every chunk of a table repeats its
/// caption and header rows. Images and equations contribute their description. Every chunk
/// carries its context in <see cref="Ingestion.Chunk.Section"/>: the section path and the
/// document's title words (<see cref="DocumentTitle"/>), indexed with its text.
/// </summary>
public sealed class TextChunker(ITokenCounter tokens, IOptions<IngestionOptions> options)
{
    private readonly TableChunker _tables = new(tokens, options.Value.ChunkTokens);
    private readonly int _maxTokens = options.Value.ChunkTokens;
    private readonly int _overlapTokens = Math.Min(options.Value.ChunkOverlapTokens, options.Value.ChunkTokens / 2);

    private sealed record Unit(string Text, int Page, string? Section, int Block, int Tokens);

    public IReadOnlyList<Chunk> Chunk(string documentId, ParsedDocument document)
    {
        var title = DocumentTitle.Of(document);
        return ChunkSections(documentId, document)
            .Select(c => title is null || c.Ordinal == 0 ? c : c with { Section = c.Section + "\n" + title })
            .ToArray();
    }

    private List<Chunk> ChunkSections(string documentId, ParsedDocument document)
    {
        var chunks = new List<Chunk>();
        var current = new List<Unit>();
        var currentTokens = 0;

        for (var b = 0; b < document.Blocks.Count; b++)
        {
            var block = document.Blocks[b];
            if (block is { Kind: BlockKind.Table, Table.Rows.Count: > 0 })
            {
                if (current.Count > 0)
                {
                    chunks.Add(Build(documentId, chunks.Count, current));
                    current = [];
                    currentTokens = 0;
                }
                foreach (var (text, spans) in _tables.Chunk(block))
                {
                    chunks.Add(BuildTable(documentId, chunks.Count, text, spans, block.Section));
                }
                continue;
            }
            if (block.Kind is BlockKind.Image or BlockKind.Equation)
            {
                // A figure or formula is a chunk of its own, so that it can be cited and become a graph entity.
                Flush();
                foreach (var unit in Units(block, b))
                {
                    Add(unit);
                }
                Flush(block.Kind);
                continue;
            }
            foreach (var unit in Units(block, b))
            {
                Add(unit);
            }
        }
        Flush();
        return chunks;

        void Flush(BlockKind kind = BlockKind.Text)
        {
            if (current.Count > 0)
            {
                chunks.Add(Build(documentId, chunks.Count, current) with { Kind = kind });
                current = [];
                currentTokens = 0;
            }
        }

        void Add(Unit unit)
        {
            var sectionChanged = current.Count > 0 && unit.Section != current[^1].Section;
            if (current.Count > 0 && (currentTokens + unit.Tokens > _maxTokens || sectionChanged))
            {
                chunks.Add(Build(documentId, chunks.Count, current));
                current = sectionChanged ? [] : Overlap(current);
                currentTokens = current.Sum(u => u.Tokens);
            }
            current.Add(unit);
            currentTokens += unit.Tokens;
        }
    }

    private List<Unit> Overlap(List<Unit> previous)
    {
        var kept = new List<Unit>();
        var total = 0;
        for (var i = previous.Count - 1; i > 0; i--)
        {
            if (total + previous[i].Tokens > _overlapTokens)
            {
                break;
            }
            kept.Insert(0, previous[i]);
            total += previous[i].Tokens;
        }
        return kept;
    }

    private IEnumerable<Unit> Units(ContentBlock block, int b)
    {
        // A figure or formula is retrieved by what it shows, which its description says best.
        var text = block.Kind == BlockKind.Text ? block.Text : block.Description ?? block.Text;
        foreach (var (_, sentence) in SentenceSplitter.Split(text))
        {
            var count = tokens.CountTokens(sentence);
            if (count <= _maxTokens)
            {
                yield return new Unit(sentence, block.Page, block.Section, b, count);
                continue;
            }
            foreach (var piece in SplitLong(sentence))
            {
                yield return new Unit(piece, block.Page, block.Section, b, tokens.CountTokens(piece));
            }
        }
    }

    // A "sentence" longer than a chunk (a run-on list, a table flattened to text) is cut at word
    // boundaries, counting each word's tokens with its leading space as the tokenizer sees it.
    private IEnumerable<string> SplitLong(string sentence)
    {
        var piece = new StringBuilder();
        var pieceTokens = 0;
        foreach (var word in sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var wordTokens = tokens.CountTokens(" " + word);
            if (piece.Length > 0 && pieceTokens + wordTokens > _maxTokens)
            {
                yield return piece.ToString();
                piece.Clear();
                pieceTokens = 0;
            }
            piece.Append(piece.Length > 0 ? " " : "").Append(word);
            pieceTokens += wordTokens;
        }
        if (piece.Length > 0)
        {
            yield return piece.ToString();
        }
    }

    private Chunk Build(string documentId, int ordinal, List<Unit> units)
    {
        var text = new StringBuilder();
        var spans = new List<PageSpan>();
        for (var i = 0; i < units.Count; i++)
        {
            var unit = units[i];
            if (i > 0)
            {
                text.Append(unit.Block == units[i - 1].Block ? ' ' : '\n');
            }
            if (spans.Count == 0 || spans[^1].Page != unit.Page)
            {
                spans.Add(new PageSpan(text.Length, unit.Page));
            }
            text.Append(unit.Text);
        }
        var value = text.ToString();
        return new Chunk
        {
            Id = Ingestion.Chunk.MakeId(documentId, ordinal),
            DocumentId = documentId,
            Ordinal = ordinal,
            Text = value,
            Tokens = tokens.CountTokens(value),
            PageSpans = spans,
            Section = units[0].Section,
        };
    }

    private Chunk BuildTable(string documentId, int ordinal, string text, IReadOnlyList<PageSpan> spans, string? section) => new()
    {
        Id = Ingestion.Chunk.MakeId(documentId, ordinal),
        DocumentId = documentId,
        Ordinal = ordinal,
        Text = text,
        Tokens = tokens.CountTokens(text),
        PageSpans = spans,
        Section = section,
        Kind = BlockKind.Table,
    };
}
