namespace PharmaRag.Bench.Datasets;

/// <summary>How a set's questions are judged.</summary>
public enum SetScoring
{
    /// <summary>A gold answer text must be contained in a retrieved chunk.</summary>
    AnswerContainment,

    /// <summary>Retrieved chunks map to dataset documents, judged against each question's relevant documents.</summary>
    DocumentRelevance,
}
