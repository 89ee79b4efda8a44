using Microsoft.Extensions.AI;
using PharmaRag.Models.Tests.Fakes;
using PharmaRag.Testing;

namespace PharmaRag.Models.Tests;

/// <summary>Model calls are remembered in the data directory by a hash of what was sent.</summary>
public sealed class ModelCallCacheTests
{
    [Fact]
    public async Task The_same_request_after_a_restart_is_answered_from_the_data_directory()
    {
        await using var fake = await FakeOpenAIServer.StartAsync();
        var replies = 0;
        fake.Chat = _ => $"reply {++replies}";
        using var data = new TempDirectory();

        string first, again, other;
        await using (var host = await ModelHost.StartAsync(data.Path, fake.ServerArguments()))
        {
            first = (await host.Get<IChatClient>().GetResponseAsync("What is the dose?")).Text;
            await host.Get<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync(["dose"]);
        }
        await using (var host = await ModelHost.StartAsync(data.Path, fake.ServerArguments()))
        {
            again = (await host.Get<IChatClient>().GetResponseAsync("What is the dose?")).Text;
            other = (await host.Get<IChatClient>().GetResponseAsync("What is the route?")).Text;
            await host.Get<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync(["dose"]);
        }

        Assert.Equal("reply 1", first);
        Assert.Equal("reply 1", again);
        Assert.Equal("reply 2", other);
        Assert.Equal(2, fake.ChatCalls.Count());
        Assert.Single(fake.EmbeddingCalls);
    }

    [Fact]
    public async Task Another_model_does_not_reuse_the_cached_reply()
    {
        await using var fake = await FakeOpenAIServer.StartAsync();
        fake.Chat = request => $"from {request.Model}";
        using var data = new TempDirectory();

        await using (var host = await ModelHost.StartAsync(data.Path, fake.ServerArguments("--PharmaRag:Models:ChatModel=model-a")))
        {
            Assert.Equal("from model-a", (await host.Get<IChatClient>().GetResponseAsync("hi")).Text);
        }
        await using (var host = await ModelHost.StartAsync(data.Path, fake.ServerArguments("--PharmaRag:Models:ChatModel=model-b")))
        {
            Assert.Equal("from model-b", (await host.Get<IChatClient>().GetResponseAsync("hi")).Text);
        }
    }
}
