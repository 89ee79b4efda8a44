namespace PharmaRag.Bench.Datasets;

/// <summary>The question sets of the shared evaluation folder, by name.</summary>
public static class BenchDatasets
{
    public static IReadOnlyList<string> Names { get; } =
        [RemdesivirSet.Name, CovidQaSet.Name, SciFactSet.Name, PubMedQaSet.Name, BioAsqSet.Name];

    /// <summary>Loads a set from <paramref name="root"/> (the folder with pdfs/ and qa/); a quick run subsamples it.</summary>
    public static BenchSet Load(string name, string root, QuickLimits? quick) => name switch
    {
        RemdesivirSet.Name => RemdesivirSet.Load(root, quick),
        CovidQaSet.Name => CovidQaSet.Load(root, quick),
        SciFactSet.Name => SciFactSet.Load(root, quick),
        PubMedQaSet.Name => PubMedQaSet.Load(root, quick),
        BioAsqSet.Name => BioAsqSet.Load(root, quick),
        _ => throw new BenchDataException($"Unknown set '{name}'. Sets: {string.Join(", ", Names)}."),
    };

    /// <summary>The <c>bench qa</c> set: documents under a folder and a question file; scoped asks each question of its gold document only.</summary>
    public static BenchSet LoadQa(string documentsDirectory, string questionsPath, int k, bool scoped = false) =>
        QaFileSet.Load(documentsDirectory, questionsPath, k, scoped);
}
