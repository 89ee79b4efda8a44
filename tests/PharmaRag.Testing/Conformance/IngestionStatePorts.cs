using PharmaRag.Core.Storage;

namespace PharmaRag.Testing.Conformance;

/// <summary>The two ports whose state ingestion keeps between steps, from one backend.</summary>
public sealed record IngestionStatePorts(IRagStore Store, IJobQueue Jobs);
