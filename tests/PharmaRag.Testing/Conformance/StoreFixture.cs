using PharmaRag.Core.Graph;
using PharmaRag.Core.Storage;

namespace PharmaRag.Testing.Conformance;

/// <summary>One fresh, initialised backend: the ports a conformance suite exercises.</summary>
public sealed record StoreFixture(
    IRagStore Store, IJobQueue Jobs, IKeywordIndex Keywords, IVectorIndex Vectors, IGraphStore Graph, IAsyncDisposable Lifetime);
