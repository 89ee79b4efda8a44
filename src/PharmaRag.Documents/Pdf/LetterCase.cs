using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Parser.Parts;
using UglyToad.PdfPig.Tokenization.Scanner;
using UglyToad.PdfPig.Tokens;

namespace PharmaRag.Documents.Pdf;

/// <summary>
/// Repairs letters whose case a font's ToUnicode map gets wrong. Some producers write a ToUnicode
/// map that sends the codes of a few capitals to lower case ("C" drawn, "c" mapped), so a page that
/// prints "HER2-ADC" reads "HeR2-Adc". When a simple font's encoding names a capital (or small
/// letter) for a code and its ToUnicode map gives the same letter in the other case, the encoding
/// is trusted. PdfPig's letters do not carry their code, so the code is told by the letter's
/// advance width: a letter is changed only when its width is nearest to the width of a miscased
/// code and clearly apart from every correctly mapped code with the same text.
/// </summary>
internal static partial class LetterCase
{
    private const double WidthTolerance = 1.0; // font units per 1000 em

    private sealed record Code(double Width, string? Repaired);

    public static IReadOnlyList<Letter> Repair(Page page, IPdfTokenScanner scanner)
    {
        Dictionary<string, Dictionary<string, List<Code>>> fonts;
        try
        {
            fonts = MiscasedFonts(page, scanner);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return page.Letters; // a font dictionary we cannot read: the letters as PdfPig gives them
        }
        if (fonts.Count == 0)
        {
            return page.Letters;
        }
        var letters = new List<Letter>(page.Letters.Count);
        foreach (var letter in page.Letters)
        {
            letters.Add(Repaired(letter, fonts) is { } value
                ? new Letter(value, letter.BoundingBox, letter.GlyphRectangleLoose, letter.StartBaseLine, letter.EndBaseLine,
                    letter.Width, letter.FontSize, letter.FontDetails, letter.RenderingMode, letter.StrokeColor, letter.FillColor,
                    letter.PointSize, letter.TextSequence)
                : letter);
        }
        return letters;
    }

    private static string? Repaired(Letter letter, Dictionary<string, Dictionary<string, List<Code>>> fonts)
    {
        if (letter.FontName is null || !fonts.TryGetValue(letter.FontName, out var byText)
            || !byText.TryGetValue(letter.Value, out var codes) || letter.PointSize <= 0)
        {
            return null;
        }
        var width = Math.Abs(letter.Width) / letter.PointSize * 1000;
        var ranked = codes.OrderBy(c => Math.Abs(c.Width - width)).ToList();
        var best = ranked[0];
        if (best.Repaired is null)
        {
            return null;
        }
        var rival = ranked.FirstOrDefault(c => c.Repaired is null);
        return rival is null || Math.Abs(rival.Width - width) - Math.Abs(best.Width - width) > WidthTolerance ? best.Repaired : null;
    }

    // Per font name: for each text a miscased code maps to, every code mapping to that text with its width.
    private static Dictionary<string, Dictionary<string, List<Code>>> MiscasedFonts(Page page, IPdfTokenScanner scanner)
    {
        var result = new Dictionary<string, Dictionary<string, List<Code>>>(StringComparer.Ordinal);
        if (Resources(page.Dictionary, scanner) is not { } resources
            || !resources.Data.TryGetValue(NameToken.Font.Data, out var fontsToken)
            || Get<DictionaryToken>(fontsToken, scanner) is not { } fontDictionaries)
        {
            return result;
        }
        foreach (var entry in fontDictionaries.Data.Values)
        {
            if (Get<DictionaryToken>(entry, scanner) is { } font && font.Data.TryGetValue(NameToken.BaseFont.Data, out var name)
                && name is NameToken baseFont && Miscased(font, scanner) is { } codes)
            {
                result[baseFont.Data] = codes;
            }
        }
        return result;
    }

    private static DictionaryToken? Resources(DictionaryToken node, IPdfTokenScanner scanner)
    {
        for (var depth = 0; depth < 32; depth++)
        {
            if (node.Data.TryGetValue(NameToken.Resources.Data, out var token))
            {
                return Get<DictionaryToken>(token, scanner);
            }
            if (!node.Data.TryGetValue(NameToken.Parent.Data, out var parent))
            {
                return null;
            }
            if (Get<DictionaryToken>(parent, scanner) is not { } next)
            {
                return null;
            }
            node = next;
        }
        return null;
    }

    private static Dictionary<string, List<Code>>? Miscased(DictionaryToken font, IPdfTokenScanner scanner)
    {
        if (!font.Data.TryGetValue(NameToken.Subtype.Data, out var subtype) || subtype is not NameToken { Data: "Type1" or "TrueType" or "MMType1" }
            || !font.Data.TryGetValue(NameToken.ToUnicode.Data, out var toUnicodeToken)
            || !font.Data.TryGetValue(NameToken.Encoding.Data, out var encodingToken)
            || !font.Data.TryGetValue(NameToken.Widths.Data, out var widthsToken)
            || !font.Data.TryGetValue(NameToken.FirstChar.Data, out var firstCharToken)
            || Get<NumericToken>(firstCharToken, scanner) is not { } firstChar
            || Get<StreamToken>(toUnicodeToken, scanner) is not { } stream
            || Get<ArrayToken>(widthsToken, scanner) is not { } widthArray
            || EncodedLetters(encodingToken is IndirectReferenceToken ? Get<DictionaryToken>(encodingToken, scanner) : encodingToken, scanner) is not { } letters)
        {
            return null;
        }
        var unicode = ParseToUnicode(Encoding.ASCII.GetString(Decode(stream).Span));
        var widths = widthArray.Data.Select(t => Get<NumericToken>(t, scanner)?.Double ?? double.NaN).ToArray();
        double? Width(int code) => code - firstChar.Int is var i && i >= 0 && i < widths.Length && !double.IsNaN(widths[i]) ? widths[i] : null;

        var miscased = unicode.Where(u => letters.TryGetValue(u.Key, out var named) && u.Value.Length == 1 && u.Value[0] != named
                && char.IsLetter(named) && char.ToLowerInvariant(u.Value[0]) == char.ToLowerInvariant(named))
            .Select(u => u.Key).ToHashSet();
        if (miscased.Count == 0)
        {
            return null;
        }
        var texts = miscased.Select(c => unicode[c]).ToHashSet(StringComparer.Ordinal);
        var result = new Dictionary<string, List<Code>>(StringComparer.Ordinal);
        foreach (var (code, text) in unicode.Where(u => texts.Contains(u.Value)))
        {
            if (Width(code) is not { } width)
            {
                return null; // a code without a width cannot be told apart: leave the font alone
            }
            if (!result.TryGetValue(text, out var list))
            {
                result[text] = list = [];
            }
            list.Add(new Code(width, miscased.Contains(code) ? letters[code].ToString() : null));
        }
        return result;
    }

    // The ASCII letter each code names in the font's encoding: a standard base encoding (all of
    // which put A-Z and a-z at their ASCII codes) changed by /Differences.
    private static Dictionary<int, char>? EncodedLetters(IToken? encoding, IPdfTokenScanner scanner)
    {
        string? baseName;
        ArrayToken? differences = null;
        switch (encoding)
        {
            case NameToken name:
                baseName = name.Data;
                break;
            case DictionaryToken dictionary:
                baseName = dictionary.Data.TryGetValue(NameToken.BaseEncoding.Data, out var named) && named is NameToken baseEncoding
                    ? baseEncoding.Data : "StandardEncoding";
                if (dictionary.Data.TryGetValue(NameToken.Differences.Data, out var token))
                {
                    differences = Get<ArrayToken>(token, scanner);
                }
                break;
            default:
                return null;
        }
        if (baseName is not ("WinAnsiEncoding" or "MacRomanEncoding" or "StandardEncoding"))
        {
            return null;
        }
        var letters = new Dictionary<int, char>();
        for (var c = 'A'; c <= 'Z'; c++)
        {
            letters[c] = c;
            letters[char.ToLowerInvariant(c)] = char.ToLowerInvariant(c);
        }
        var code = 0;
        foreach (var item in differences?.Data ?? [])
        {
            if (item is NumericToken number)
            {
                code = number.Int;
            }
            else if (item is NameToken glyph)
            {
                if (glyph.Data.Length == 1 && char.IsAsciiLetter(glyph.Data[0]))
                {
                    letters[code] = glyph.Data[0];
                }
                else
                {
                    letters.Remove(code);
                }
                code++;
            }
        }
        return letters;
    }

    private static T? Get<T>(IToken token, IPdfTokenScanner scanner)
        where T : class, IToken =>
        token as T ?? (token is IndirectReferenceToken ? DirectObjectFinder.Get<T>(token, scanner) : null);

    private static ReadOnlyMemory<byte> Decode(StreamToken stream)
    {
        Memory<byte> data = stream.Data.ToArray();
        var filters = DefaultFilterProvider.Instance.GetFilters(stream.StreamDictionary);
        for (var i = 0; i < filters.Count; i++)
        {
            data = filters[i].Decode(data, stream.StreamDictionary, DefaultFilterProvider.Instance, i);
        }
        return data;
    }

    // The one-byte codes of a ToUnicode CMap (bfchar entries and bfrange entries with a start value).
    private static Dictionary<int, string> ParseToUnicode(string cmap)
    {
        var map = new Dictionary<int, string>();
        foreach (Match block in CharBlock().Matches(cmap))
        {
            foreach (Match pair in Pair().Matches(block.Groups[1].Value))
            {
                Add(pair.Groups[1].Value, pair.Groups[2].Value);
            }
        }
        foreach (Match block in RangeBlock().Matches(cmap))
        {
            foreach (Match range in Range().Matches(block.Groups[1].Value))
            {
                var from = int.Parse(range.Groups[1].Value, NumberStyles.HexNumber);
                var to = int.Parse(range.Groups[2].Value, NumberStyles.HexNumber);
                var start = range.Groups[3].Value;
                if (range.Groups[1].Value.Length != 2 || to < from || to > 0xFF || start.Length != 4)
                {
                    continue;
                }
                var first = int.Parse(start, NumberStyles.HexNumber);
                for (var code = from; code <= to; code++)
                {
                    map[code] = char.ConvertFromUtf32(first + code - from);
                }
            }
        }
        return map;

        void Add(string code, string value)
        {
            if (code.Length != 2 || value.Length % 4 != 0)
            {
                return;
            }
            var text = new StringBuilder();
            for (var i = 0; i < value.Length; i += 4)
            {
                text.Append((char)int.Parse(value.AsSpan(i, 4), NumberStyles.HexNumber));
            }
            map[int.Parse(code, NumberStyles.HexNumber)] = text.ToString();
        }
    }

    [GeneratedRegex(@"beginbfchar(.*?)endbfchar", RegexOptions.Singleline)]
    private static partial Regex CharBlock();

    [GeneratedRegex(@"beginbfrange(.*?)endbfrange", RegexOptions.Singleline)]
    private static partial Regex RangeBlock();

    [GeneratedRegex(@"<\s*([0-9A-Fa-f]+)\s*>\s*<\s*([0-9A-Fa-f]+)\s*>")]
    private static partial Regex Pair();

    [GeneratedRegex(@"<\s*([0-9A-Fa-f]+)\s*>\s*<\s*([0-9A-Fa-f]+)\s*>\s*<\s*([0-9A-Fa-f]+)\s*>")]
    private static partial Regex Range();
}
