using System.Collections.Concurrent;

namespace PharmaRag.Gateway.Forwarding;

/// <summary>
/// Queries that outlived the cold-start wait (API Gateway cuts requests at 29 s): the client
/// gets a query id at once and fetches the answer when compute has produced it.
/// </summary>
public sealed class PendingQueries(TimeProvider clock)
{
    private static readonly TimeSpan Retention = TimeSpan.FromMinutes(30);
    private readonly ConcurrentDictionary<string, (Task<ForwardedResponse> Answer, DateTimeOffset Created)> _queries = new();

    public string Add(Task<ForwardedResponse> answer)
    {
        Evict();
        var id = Guid.NewGuid().ToString("N");
        _queries[id] = (answer, clock.GetUtcNow());
        return id;
    }

    /// <summary>The query's answer task, or null when the id is unknown or expired.</summary>
    public Task<ForwardedResponse>? Find(string id) => _queries.TryGetValue(id, out var entry) ? entry.Answer : null;

    private void Evict()
    {
        var cutoff = clock.GetUtcNow() - Retention;
        foreach (var (id, entry) in _queries)
        {
            if (entry.Created < cutoff)
            {
                _queries.TryRemove(id, out _);
            }
        }
    }
}
