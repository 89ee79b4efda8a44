namespace PharmaRag.Core.Graph;

/// <summary>How the model-backed extractor works a document.</summary>
/// <param name="Gleaning">Extra turns asking the model for what it missed (LightRAG's entity_extract_max_gleaning).</param>
/// <param name="MaxConcurrency">Chunks of one document extracted at the same time.</param>
/// <param name="SummaryThreshold">An entity described differently by more chunks than this gets one summary from the model.</param>
public sealed record LlmExtractionSettings(int Gleaning = 1, int MaxConcurrency = 4, int SummaryThreshold = 4);
