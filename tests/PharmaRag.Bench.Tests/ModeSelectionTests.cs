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
        Assert.False(ModeSelection.TryParse("global", out _, out var error));
        Assert.Contains("not implemented", error);
        Assert.False(ModeSelection.TryParse("fastest", out _, out _));
        Assert.Contains(ModeSelection.Default, RagQueryService.ImplementedModes);
    }
}
