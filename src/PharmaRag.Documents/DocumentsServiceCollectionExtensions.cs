using Microsoft.Extensions.DependencyInjection;
using PharmaRag.Core.Content;

namespace PharmaRag.Documents;

/// <summary>Registers the document parsers.</summary>
public static class DocumentsServiceCollectionExtensions
{
    public static IServiceCollection AddDocumentParsers(this IServiceCollection services)
    {
        services.AddSingleton<IDocumentParser, PdfDocumentParser>();
        services.AddSingleton<IDocumentParser, PlainTextParser>();
        return services;
    }
}
