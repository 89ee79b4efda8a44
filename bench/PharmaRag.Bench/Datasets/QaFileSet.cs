namespace PharmaRag.Bench.Datasets;

/// <summary>The set of `bench qa`: every document under a folder and a question file scored by answer containment.</summary>
internal static class QaFileSet
{
    public static BenchSet Load(string documentsDirectory, string questionsPath, int k, bool scoped = false)
    {
        var documents = FileCorpus.Load(documentsDirectory);
        var questions = QaJsonLines.Load(questionsPath)
            .Select(q => q.Scope is null ? q : q with { Scope = Resolve(q, q.Scope, documents, questionsPath, "is scoped to") })
            .Select(q => q.GoldDocument is null ? q : q with { GoldDocument = Resolve(q, q.GoldDocument, documents, questionsPath, "names") })
            .Select(q => !scoped || q.Scope is not null ? q : q with { Scope = q.GoldDocument ?? throw NoDocument(q, questionsPath) })
            .ToArray();
        return new BenchSet("qa", SetScoring.AnswerContainment, documents, questions)
        {
            Description = $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(documentsDirectory))} with {Path.GetFileName(questionsPath)}" +
                (scoped ? " (each question scoped to its gold document)" : ""),
            RecallCutoffs = new[] { 1, k, 10 }.Distinct().Order().ToArray(),
            Depth = Math.Max(k, 10),
        };
    }

    private static BenchDataException NoDocument(BenchQuestion question, string questionsPath) =>
        new($"{questionsPath}: question {question.Id} names no \"document\" or \"doc\", so --scoped cannot scope it; add the file it is asked of.");

    // "doc" (and "document") names a file by its path under the folder or, when that is unambiguous, by its name alone.
    private static string Resolve(
        BenchQuestion question, string name, IReadOnlyList<CorpusDocument> documents, string questionsPath, string verb)
    {
        var doc = name.Replace('\\', '/');
        if (documents.Any(d => d.Id == doc))
        {
            return doc;
        }
        var byName = documents.Where(d => string.Equals(d.FileName, doc, StringComparison.Ordinal)).ToArray();
        return byName.Length switch
        {
            1 => byName[0].Id,
            0 => throw new BenchDataException($"{questionsPath}: question {question.Id} {verb} \"{doc}\", which is not among the documents."),
            _ => throw new BenchDataException(
                $"{questionsPath}: question {question.Id} {verb} \"{doc}\", which names {byName.Length} files; give its path under the folder."),
        };
    }
}
