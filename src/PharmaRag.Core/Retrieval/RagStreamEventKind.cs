namespace PharmaRag.Core.Retrieval;

/// <summary>The events of a streamed answer, in the order they come.</summary>
public enum RagStreamEventKind
{
    /// <summary>The numbered passages the answer may cite: [n] in the deltas is passage n.</summary>
    Citations,

    /// <summary>The next piece of the answer text.</summary>
    Delta,

    /// <summary>The model failed; the answer falls back to the extractive one.</summary>
    Error,

    /// <summary>The final answer with its markers resolved to "[k: file, p. N]" and the citations it used.</summary>
    Done,
}
