using System.Security.Cryptography;
using System.Text;

namespace PharmaRag.Bench.Datasets;

/// <summary>
/// How a quick run subsamples a set: the first <see cref="Questions"/> questions, their gold
/// documents, and a fixed sample of <see cref="OtherDocuments"/> other documents so that
/// retrieval still has distractors. The sample is ordered by a hash of each id, so it is the
/// same on every machine and every run.
/// </summary>
public sealed record QuickLimits(int Questions, int OtherDocuments)
{
    public static QuickLimits Default { get; } = new(60, 600);

    public IReadOnlyList<BenchQuestion> Take(IReadOnlyList<BenchQuestion> questions) => questions.Take(Questions).ToArray();

    /// <summary>The documents gold for <paramref name="questions"/> plus the fixed sample of the others, in corpus order.</summary>
    public IReadOnlyList<CorpusDocument> Corpus(IReadOnlyList<CorpusDocument> documents, IEnumerable<BenchQuestion> questions)
    {
        var keep = questions.SelectMany(q => q.Relevant).Concat(questions.Select(q => q.Scope).OfType<string>())
            .ToHashSet(StringComparer.Ordinal);
        var others = documents.Where(d => !keep.Contains(d.Id))
            .OrderBy(d => StableHash(d.Id), StringComparer.Ordinal)
            .Take(OtherDocuments)
            .Select(d => d.Id);
        keep.UnionWith(others);
        return documents.Where(d => keep.Contains(d.Id)).ToArray();
    }

    public string Describe(int questions, int documents, int totalQuestions, int totalDocuments) =>
        $"quick: {questions} of {totalQuestions} questions, {documents} of {totalDocuments} documents (gold + fixed sample)";

    private static string StableHash(string id) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
}
