using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PharmaRag.Core.Content;
using PharmaRag.Documents.Ocr;

namespace PharmaRag.Documents;

/// <summary>Registers the document parsers.</summary>
public static class DocumentsServiceCollectionExtensions
{
    public static IServiceCollection AddDocumentParsers(this IServiceCollection services)
    {
        services.TryAddSingleton<TesseractOcr>();
        services.AddSingleton<IFigureTextReader, TesseractFigureReader>();
        services.AddSingleton<IDocumentParser, PdfDocumentParser>();
        services.AddSingleton<IDocumentParser, PlainTextParser>();
        services.AddSingleton<IDocumentParser, MarkdownParser>();
        services.AddSingleton<IDocumentParser, HtmlParser>();
        services.AddSingleton<IDocumentParser, CsvParser>();
        services.AddSingleton<IDocumentParser, DocxParser>();
        services.AddSingleton<IDocumentParser, XlsxParser>();
        services.AddSingleton<IDocumentParser, PptxParser>();
        services.AddSingleton<IDocumentParser, ImageParser>();
        return services;
    }
}
