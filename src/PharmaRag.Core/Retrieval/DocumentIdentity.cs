using PharmaRag.Core.Text;

namespace PharmaRag.Core.Retrieval;

/// <summary>
/// The words that name a retrieved document: its file name and the title words its chunks carry
/// after their section path. A question word among them is satisfied by the document as a whole.
/// </summary>
public static class DocumentIdentity
{
    /// <summary>The stemmed identity words of the document <paramref name="hitsOfDocument"/> come from.</summary>
    public static HashSet<string> Of(IEnumerable<SearchHit> hitsOfDocument)
    {
        var identity = new HashSet<string>(StringComparer.Ordinal);
        foreach (var hit in hitsOfDocument)
        {
            identity.UnionWith(TermAnalyzer.Terms(hit.FileName));
            if (hit.Chunk.Section is { } section && section.IndexOf('\n') is var end and >= 0)
            {
                identity.UnionWith(TermAnalyzer.Terms(section[(end + 1)..]));
            }
        }
        return identity;
    }
}
