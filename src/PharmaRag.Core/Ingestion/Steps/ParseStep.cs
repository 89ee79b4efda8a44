using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Content;
using PharmaRag.Core.Diagnostics;
using PharmaRag.Core.Documents;
using PharmaRag.Core.Storage;

namespace PharmaRag.Core.Ingestion.Steps;

/// <summary>Parses the document into a content list and saves it, reporting progress page by page.</summary>
public sealed class ParseStep(
    IRagStore store, ReadStep reader, DocumentParserRegistry parsers, IOptions<LimitsOptions> limits, TimeProvider clock) : IIngestionStep
{
    /// <summary>Share of the document's progress bar before and after parsing.</summary>
    public const double Start = 0.02, End = 0.70;

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    public string Name => IngestionSteps.Parsing;

    public async Task<StepResult> RunAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        if (context.Content is null && await reader.RunAsync(context, cancellationToken) is { Outcome: not StepOutcome.Success } failed)
        {
            return failed;
        }
        var document = context.Document;
        if (TextTooLong(document.MediaType, context.Content!.Length) is { } tooLong)
        {
            return StepResult.Fatal(tooLong);
        }
        var pages = new PageCounter();
        var started = clock.GetTimestamp();
        var parsing = parsers.ForMediaType(document.MediaType)
            .ParseAsync(context.Content!, document.FileName, pages, cancellationToken);
        var reported = 0;
        while (!parsing.IsCompleted)
        {
            await Task.WhenAny(parsing, Task.Delay(ProgressInterval, clock, cancellationToken));
            // A parser that does not watch the token is left behind: stopping or deleting must not wait for it.
            cancellationToken.ThrowIfCancellationRequested();
            var (done, total) = pages.Current;
            if (done != reported && total > 0 && !parsing.IsCompleted)
            {
                reported = done;
                var update = new DocumentStatusUpdate(DocumentStatus.Processing)
                {
                    Step = Name, Progress = Start + (End - Start) * done / total, Pages = total,
                };
                if (!await store.UpdateStatusAsync(document.Id, update, cancellationToken))
                {
                    return StepResult.Gone;
                }
            }
        }
        var parsed = await parsing;
        if (parsed.Blocks.Count == 0)
        {
            return StepResult.Fatal(parsed.UnreadablePages.Count > 0
                ? $"No text could be read: {parsed.UnreadablePages.Count} of {parsed.Pages} pages have no text layer and OCR is not available."
                : "The document contains no text.");
        }
        if (OverLimit(parsed) is { } over)
        {
            return StepResult.Fatal(over);
        }
        var seconds = clock.GetElapsedTime(started).TotalSeconds;
        PharmaRagTelemetry.PagesParsed.Add(parsed.Pages, new KeyValuePair<string, object?>("pharmarag.media_type", document.MediaType));
        if (seconds > 0)
        {
            PharmaRagTelemetry.PagesPerSecond.Record(parsed.Pages / seconds, new KeyValuePair<string, object?>("pharmarag.media_type", document.MediaType));
        }
        await store.SaveContentListAsync(document.Id, parsed, cancellationToken);
        context.Parsed = parsed;
        context.Content = null;
        return await store.UpdateStatusAsync(document.Id,
            new DocumentStatusUpdate(DocumentStatus.Processing) { Step = Name, Progress = End, Pages = parsed.Pages }, cancellationToken)
            ? StepResult.Success
            : StepResult.Gone;
    }

    /// <summary>
    /// A text format is decoded whole into memory, so one whose bytes could hold more characters
    /// than allowed is refused before it is read (a character takes at least one byte).
    /// </summary>
    private string? TextTooLong(string mediaType, long bytes)
    {
        var max = limits.Value.MaxCharacters;
        return MediaTypes.IsText(mediaType) && bytes > max
            ? LimitsOptions.Exceeded(nameof(LimitsOptions.MaxCharacters), max, $"The text file has {bytes} bytes, so up to {bytes} characters")
            : null;
    }

    /// <summary>The reason a parsed document is over a limit of pages, blocks or characters; null when within them.</summary>
    private string? OverLimit(ParsedDocument parsed)
    {
        var limit = limits.Value;
        if (parsed.Pages > limit.MaxPages)
        {
            return LimitsOptions.Exceeded(nameof(LimitsOptions.MaxPages), limit.MaxPages, $"The document has {parsed.Pages} pages");
        }
        if (parsed.Blocks.Count > limit.MaxBlocks)
        {
            return LimitsOptions.Exceeded(nameof(LimitsOptions.MaxBlocks), limit.MaxBlocks, $"The document has {parsed.Blocks.Count} content blocks");
        }
        var characters = parsed.Blocks.Sum(b => (long)b.Text.Length);
        return characters > limit.MaxCharacters
            ? LimitsOptions.Exceeded(nameof(LimitsOptions.MaxCharacters), limit.MaxCharacters, $"The document has {characters} characters of text")
            : null;
    }

    private sealed class PageCounter : IProgress<PageProgress>
    {
        private long _packed;

        public (int Done, int Total) Current
        {
            get
            {
                var packed = Interlocked.Read(ref _packed);
                return ((int)(packed >> 32), (int)packed);
            }
        }

        public void Report(PageProgress value) => Interlocked.Exchange(ref _packed, ((long)value.Done << 32) | (uint)value.Total);
    }
}
