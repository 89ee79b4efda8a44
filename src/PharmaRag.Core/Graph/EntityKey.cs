using System.Globalization;
using System.Text;

namespace PharmaRag.Core.Graph;

/// <summary>
/// The normalised key of an entity name: lower case, accents and trademark signs dropped,
/// dashes and spaces unified, so "Remdesivir", "REMDESIVIR" and "remdesivir®" are one entity.
/// </summary>
public static class EntityKey
{
    public static string Of(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '®' or '™' or '©')
            {
                continue;
            }
            text.Append(c is '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' ? '-' : char.ToLowerInvariant(c));
        }
        return string.Join(' ', text.ToString().Split((char[])[' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)).Trim('.', ',', ';', ':');
    }
}
