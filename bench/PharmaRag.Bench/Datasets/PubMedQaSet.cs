namespace PharmaRag.Bench.Datasets;

/// <summary>
/// PubMedQA (expert-labelled): the contexts of each PMID pooled into one document; the 500
/// questions of the test split, each of which is answered by its own PMID.
/// </summary>
internal static class PubMedQaSet
{
    public const string Name = "pubmedqa";

    public static BenchSet Load(string root, QuickLimits? quick)
    {
        var folder = Path.Combine(root, "qa", "pubmedqa");
        var entries = JsonInput.ReadDocument(Path.Combine(folder, "ori_pqal.json")).EnumerateObject().ToArray();
        // The question is usually the article's title, so the document holds only the contexts.
        var corpus = entries
            .Select(e => CorpusDocument.FromText(e.Name, null, string.Join("\n\n", JsonInput.Array(e.Value, "CONTEXTS").Select(c => c.GetString()))))
            .ToArray();
        var testPath = Path.Combine(folder, "test_ground_truth.json");
        var testIds = File.Exists(testPath)
            ? JsonInput.ReadDocument(testPath).EnumerateObject().Select(p => p.Name).ToArray()
            : entries.Select(e => e.Name).ToArray();
        var byId = entries.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
        var questions = testIds
            .Where(byId.ContainsKey)
            .Select(id => new BenchQuestion(id, JsonInput.RequiredText(byId[id], "QUESTION", $"{folder}/ori_pqal.json {id}"))
            {
                Relevant = new HashSet<string>(StringComparer.Ordinal) { id },
            })
            .ToArray();
        var chosen = quick?.Take(questions) ?? questions;
        var chosenCorpus = quick?.Corpus(corpus, chosen) ?? corpus;
        return new BenchSet(Name, SetScoring.DocumentRelevance, chosenCorpus, chosen)
        {
            Description = "PubMedQA test split: own PMID among 1000 pooled abstracts",
            Depth = 30,
            Sampling = quick?.Describe(chosen.Count, chosenCorpus.Count, questions.Length, corpus.Length),
        };
    }
}
