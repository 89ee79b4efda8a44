using System.Text;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace PharmaRag.Storage.Lucene;

/// <summary>
/// Splits text into runs of letters and digits, like SQLite FTS5's unicode61 tokenizer: every
/// other character (space, punctuation, hyphen, slash) separates tokens.
/// </summary>
internal sealed class WordTokenizer(LuceneVersion version, TextReader input) : CharTokenizer(version, input)
{
    protected override bool IsTokenChar(int c) =>
        Rune.IsValid(c) && (Rune.IsLetterOrDigit(new Rune(c))
            || Rune.GetUnicodeCategory(new Rune(c)) == System.Globalization.UnicodeCategory.PrivateUse);
}
