namespace PharmaRag.Bench.Datasets;

/// <summary>
/// The 85 expert questions on the Veklury (remdesivir) label. Every PDF of pdfs/ is ingested (so
/// the set also measures PDF throughput on labels, protocols and papers); each question is
/// scoped to the remdesivir label, because the questions say "its" for the drug.
/// </summary>
internal static class RemdesivirSet
{
    public const string Name = "remdesivir";
    private const string LabelId = "labels/PDF Oct 2020 Remdesivir.pdf";

    public static BenchSet Load(string root, QuickLimits? quick)
    {
        var documents = FileCorpus.Load(Path.Combine(root, "pdfs"));
        if (documents.All(d => d.Id != LabelId))
        {
            throw new BenchDataException($"The remdesivir label is missing: {Path.Combine(root, "pdfs", LabelId)}");
        }
        var questions = QaJsonLines.Load(Path.Combine(root, "qa", "remdesivir", "qa.jsonl"))
            .Select(q => q with { Scope = LabelId })
            .ToArray();
        var chosen = quick?.Take(questions) ?? questions;
        return new BenchSet(Name, SetScoring.AnswerContainment, documents, chosen)
        {
            Description = "remdesivir label QA (scoped to the label; all PDFs ingested)",
            Sampling = quick?.Describe(chosen.Count, documents.Count, questions.Length, documents.Count),
        };
    }
}
