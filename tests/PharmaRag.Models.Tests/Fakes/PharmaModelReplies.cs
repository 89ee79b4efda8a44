using PharmaRag.Core.Graph;

namespace PharmaRag.Models.Tests.Fakes;

/// <summary>What the fake model answers to PharmaRag's prompts about the Zentorix test label.</summary>
public static class PharmaModelReplies
{
    public static bool IsExtraction(FakeChatRequest request) => request.System.Contains("knowledge graph", StringComparison.Ordinal);

    public static bool IsGleaning(FakeChatRequest request) => request.LastUser.StartsWith("Many entities", StringComparison.Ordinal);

    /// <summary>Tuples for the passages the test label has; gleaning adds the enzyme the first turn "missed".</summary>
    public static string Extraction(FakeChatRequest request)
    {
        if (IsGleaning(request))
        {
            return request.AllText.Contains("CYP3A4", StringComparison.Ordinal)
                ? """("entity"<|>CYP3A4<|>Gene/Target<|>The enzyme that metabolises zentoramab.<|>)##<|COMPLETE|>"""
                : ExtractionPrompt.CompleteMarker;
        }
        var passage = request.LastUser;
        var lines = new List<string>();
        if (passage.Contains("ZENTORIX", StringComparison.Ordinal))
        {
            lines.Add("""("entity"<|>ZENTORIX<|>Drug<|>A monoclonal antibody for plaque psoriasis.<|>ZNX-101)""");
        }
        if (passage.Contains("psoriasis", StringComparison.Ordinal))
        {
            lines.Add("""("entity"<|>plaque psoriasis<|>Indication/Disease<|>A chronic skin disease.<|>)""");
            lines.Add("""("relationship"<|>ZENTORIX<|>plaque psoriasis<|>Zentorix is indicated for plaque psoriasis.<|>indication, treats<|>9)""");
        }
        if (passage.Contains("glimmerfever", StringComparison.Ordinal))
        {
            lines.Add("""("entity"<|>glimmerfever<|>Adverse Reaction<|>A rare reaction seen in 2% of patients.<|>)""");
            lines.Add("""("relationship"<|>zentoramab<|>glimmerfever<|>Zentoramab can cause glimmerfever.<|>adverse reaction<|>7)""");
        }
        return string.Join("##\n", lines) + "##\n" + ExtractionPrompt.CompleteMarker;
    }

    /// <summary>Extraction for extraction prompts, a grounded answer for answer prompts.</summary>
    public static string Respond(FakeChatRequest request) => IsExtraction(request) ? Extraction(request) : Answer(request);

    /// <summary>
    /// Cites the passage that states the dose by its number, and also a number that was never
    /// given (which must be dropped); says NO_ANSWER when no passage has the dose.
    /// </summary>
    public static string Answer(FakeChatRequest request)
    {
        var passages = System.Text.RegularExpressions.Regex.Matches(
            request.LastUser, @"\[(\d+)\] \([^\n]*\)\n(.*?)(?=\n\n)", System.Text.RegularExpressions.RegexOptions.Singleline);
        var dose = passages.FirstOrDefault(m => m.Groups[2].Value.Contains("25 mg", StringComparison.Ordinal));
        return dose is null
            ? "NO_ANSWER"
            : $"The recommended dosage is 25 mg subcutaneously once weekly [{dose.Groups[1].Value}]. It is given by injection [{dose.Groups[1].Value}, 42].";
    }

    public static byte[] Label() => PharmaRag.Testing.TestPdf.Pages(
        ["ZENTORIX (zentoramab) injection, for subcutaneous use.", "ZENTORIX is indicated for adults with moderate to severe plaque psoriasis."],
        ["6 ADVERSE REACTIONS", "The most common adverse reaction was glimmerfever. Zentoramab is metabolised by CYP3A4."],
        ["2 DOSAGE AND ADMINISTRATION", "The recommended dosage of ZENTORIX is 25 mg subcutaneously once weekly."]);
}
