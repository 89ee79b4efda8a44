namespace PharmaRag.Bench.Datasets;

/// <summary>
/// deepset COVID-QA (SQuAD layout): each article is a document; questions are asked of the whole
/// corpus and scored by answer text (its answer_start offsets are not trusted: some are off by one).
/// </summary>
internal static class CovidQaSet
{
    public const string Name = "covidqa";

    public static BenchSet Load(string root, QuickLimits? quick)
    {
        var folder = Path.Combine(root, "qa", "covid_qa");
        var path = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).FirstOrDefault()
            : null;
        if (path is null)
        {
            throw new BenchDataException($"No SQuAD JSON file in {folder}");
        }
        var documents = new Dictionary<string, CorpusDocument>(StringComparer.Ordinal);
        var questions = new List<BenchQuestion>();
        foreach (var article in JsonInput.Array(JsonInput.ReadDocument(path), "data"))
        {
            foreach (var paragraph in JsonInput.Array(article, "paragraphs"))
            {
                var id = JsonInput.Text(paragraph, "document_id") ?? $"article-{documents.Count + 1}";
                var context = JsonInput.RequiredText(paragraph, "context", $"{path} document {id}");
                documents.TryAdd(id, CorpusDocument.FromText(id, null, context));
                foreach (var qa in JsonInput.Array(paragraph, "qas"))
                {
                    var answers = JsonInput.Array(qa, "answers").Select(a => JsonInput.Text(a, "text")).OfType<string>()
                        .Where(a => a.Trim().Length > 0).ToArray();
                    if (answers.Length > 0)
                    {
                        questions.Add(new BenchQuestion(
                            JsonInput.Text(qa, "id") ?? $"q{questions.Count + 1}",
                            JsonInput.RequiredText(qa, "question", $"{path} document {id}"))
                        {
                            Answers = answers,
                            Relevant = new HashSet<string>(StringComparer.Ordinal) { id },
                        });
                    }
                }
            }
        }
        var corpus = documents.Values.ToArray();
        var chosen = quick?.Take(questions) ?? questions;
        var chosenCorpus = quick?.Corpus(corpus, chosen) ?? corpus;
        return new BenchSet(Name, SetScoring.AnswerContainment, chosenCorpus, chosen)
        {
            Description = "COVID-QA: answer text in a retrieved chunk, whole corpus",
            Sampling = quick?.Describe(chosen.Count, chosenCorpus.Count, questions.Count, corpus.Length),
        };
    }
}
