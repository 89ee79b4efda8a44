namespace PharmaRag.Core.Storage;

/// <summary>
/// The store setting that names the keyword index the stored chunks were last indexed by, so that
/// switching PharmaRag:Storage:KeywordIndex re-indexes the chunks into the new one at start-up.
/// </summary>
public static class KeywordIndexRecord
{
    public const string Setting = "keyword_index";
}
