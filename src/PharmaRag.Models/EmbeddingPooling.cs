namespace PharmaRag.Models;

/// <summary>How an encoder's token states become one sentence vector.</summary>
public enum EmbeddingPooling
{
    /// <summary>The mean of the token states the attention mask keeps (MiniLM, E5, most sentence-transformers).</summary>
    Mean,

    /// <summary>The state of the first ([CLS]) token (Arctic-embed, BGE).</summary>
    Cls,
}
