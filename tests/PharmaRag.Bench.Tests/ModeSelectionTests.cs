using PharmaRag.Bench.Commands;
using PharmaRag.Core.Retrieval;

namespace PharmaRag.Bench.Tests;

public sealed class ModeSelectionTests
{
    [Fact]
    public void Only_implemented_modes_are_measured()
    {
        Assert.True(ModeSelection.TryParse("all", out var all, out _));
        Assert.Equal(RagQueryService.ImplementedModes, all);
        Assert.True(ModeSelection.TryParse("Naive", out var naive, out _));
        Assert.Equal([QueryMode.Naive], naive);
        Assert.True(ModeSelection.TryParse("global", out var global, out _));
        Assert.Equal([QueryMode.Global], global);
        Assert.False(ModeSelection.TryParse("fastest", out _, out var error));
        Assert.Contains("Unknown mode", error);
        Assert.False(ModeSelection.TryParse("7", out _, out _));
        Assert.Equal(QueryMode.Mix, ModeSelection.Default);
    }
}
