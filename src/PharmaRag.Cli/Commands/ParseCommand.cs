using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using PharmaRag.Server.Terminal;
using PharmaRag.Core.Content;
using PharmaRag.Core.Documents;
using PharmaRag.Cli.Terminal;
using PharmaRag.Documents;
using PharmaRag.Documents.Ocr;
using Spectre.Console;

namespace PharmaRag.Cli.Commands;

/// <summary>`pharmarag parse FILE [--json]`: the content list of one file, without touching any data directory.</summary>
internal static class ParseCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // RowPages: the page each row is printed on, so that a citation of a row names the row's page.
    private sealed record JsonTable(IReadOnlyList<string[]> Rows, IReadOnlyList<int> RowPages, int HeaderRows, string? Caption, IReadOnlyList<string> Footnotes);

    private sealed record JsonBlock(
        string Type, int Page, IReadOnlyList<int> Pages, double[]? Bbox, string Text, int? HeadingLevel, string? Section,
        JsonTable? Table, string? Caption, string? OcrText, string? Description);

    private sealed record JsonDocument(string File, int Pages, IReadOnlyList<int> UnreadablePages, IReadOnlyList<JsonBlock> Blocks);

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The file to parse (PDF, DOCX, XLSX, PPTX, HTML, Markdown, text, CSV, image)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table" };
        var command = new Command("parse", "Print the content list (text, tables, images, equations) of a file") { file, json }.AcceptingSettings();
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new UsageException($"Not found: {path}; give the path of an existing file.");
            }
            using var host = CliServices.BuildWithoutData(CliInvocation.From(parse), services => services.AddDocumentParsers());
            var parsers = new DocumentParserRegistry(host.Services.GetServices<IDocumentParser>());
            if (MediaTypes.FromFileName(path) is not { } mediaType || !parsers.Supports(path))
            {
                throw new UsageException($"Unsupported file type: {Path.GetFileName(path)}; give one of {string.Join(", ", MediaTypes.SupportedExtensions)}.");
            }
            ParsedDocument parsed;
            await using (var content = File.OpenRead(path))
            {
                parsed = await parsers.ForMediaType(mediaType).ParseAsync(content, Path.GetFileName(path), cancellationToken);
            }
            parsed = await new OfflineBlockDescriber().DescribeAsync(parsed, cancellationToken);
            if (parsed.UnreadablePages.Count > 0 && OcrNotice.Missing(host.Services.GetRequiredService<TesseractOcr>()) is { } missing)
            {
                await Console.Error.WriteLineAsync($"{parsed.UnreadablePages.Count} page(s) have no text layer and cannot be read. {missing}");
                return TerminalError.FailureExitCode;
            }
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(ToJson(path, parsed), Json));
            }
            else
            {
                Print(parsed);
            }
            return 0;
        });
        return command;
    }

    private static JsonDocument ToJson(string path, ParsedDocument parsed) => new(
        Path.GetFileName(path),
        parsed.Pages,
        parsed.UnreadablePages,
        parsed.Blocks.Select(b => new JsonBlock(
            b.Kind.ToString().ToLowerInvariant(),
            b.Page,
            // Every page the block spans (a table joined across pages lists each).
            b.Table is { } spanned ? spanned.RowPages.Append(b.Page).Distinct().Order().ToArray() : [b.Page],
            b.Box is { } box ? [Math.Round(box.Left, 1), Math.Round(box.Bottom, 1), Math.Round(box.Right, 1), Math.Round(box.Top, 1)] : null,
            b.Text,
            b.HeadingLevel,
            b.Section,
            b.Table is { } t ? new JsonTable(t.Rows, Enumerable.Range(0, t.Rows.Count).Select(i => t.PageOf(i, b.Page)).ToArray(), t.HeaderRows, t.Caption, t.Footnotes) : null,
            b.Caption,
            b.OcrText,
            b.Kind == BlockKind.Text ? null : b.Description)).ToList());

    private static void Print(ParsedDocument parsed)
    {
        var table = new Table().AddColumns("Page", "Type", "Section", "Text");
        foreach (var b in parsed.Blocks)
        {
            var kind = b.HeadingLevel is { } level ? $"h{level}" : b.Kind.ToString().ToLowerInvariant();
            table.AddRow(b.Page.ToString(), kind, Markup.Escape(b.Section ?? ""), Markup.Escape(b.Text));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"{parsed.Pages} pages, {parsed.Blocks.Count} blocks, " +
            $"{parsed.Blocks.Count(b => b.Kind == BlockKind.Table)} tables, {parsed.Blocks.Count(b => b.Kind == BlockKind.Image)} images, " +
            $"{parsed.Blocks.Count(b => b.Kind == BlockKind.Equation)} equations" +
            (parsed.UnreadablePages.Count > 0 ? $"; unreadable pages: {string.Join(", ", parsed.UnreadablePages)}" : ""));
    }
}
