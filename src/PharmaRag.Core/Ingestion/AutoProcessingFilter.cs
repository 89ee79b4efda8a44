using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Content;
using PharmaRag.Core.Storage;

namespace PharmaRag.Core.Ingestion;

/// <summary>
/// Which uploads are processed without being asked (the original's S3 event filter): a valid key
/// whose file name matches <see cref="IngestionOptions.ProcessFilter"/> and that a parser reads.
/// The server and the gateway decide with this one rule.
/// </summary>
public sealed class AutoProcessingFilter(DocumentParserRegistry parsers, IOptions<IngestionOptions> options)
{
    private readonly FileNameFilter _patterns = new(options.Value.ProcessFilter);

    public bool ShouldProcess(string key)
    {
        if (!ObjectKey.IsValid(key, out _))
        {
            return false;
        }
        var fileName = ObjectKey.FileName(key);
        return _patterns.Matches(fileName) && parsers.Supports(fileName);
    }
}
