using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PharmaRag.Core.Storage;

namespace PharmaRag.Hosting.Inbox;

/// <summary>
/// Work that gateway instances accept while compute may be stopped, kept as small JSON objects
/// in the object store (S3 or the local folder) that every gateway instance and the server see:
/// inbox/events/ (uploads to take in), inbox/queries/ (queries answered with 202) and
/// inbox/answers/ (their answers). A gateway acknowledges an event or a 202 only after its object
/// is written, so a gateway that dies loses nothing; the server drains the inbox while it runs.
/// </summary>
public sealed class WorkInbox(IObjectStore objects, TimeProvider clock)
{
    public const string EventsPrefix = "inbox/events/";
    public const string QueriesPrefix = "inbox/queries/";
    public const string AnswersPrefix = "inbox/answers/";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>How long an unreadable inbox object is left alone before it is taken for garbage.</summary>
    public static readonly TimeSpan UnreadableGrace = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Queues an upload for processing in a workspace (null: the default one); one marker per
    /// workspace and key, so S3's retries of an event are harmless.
    /// </summary>
    public async Task QueueEventAsync(string key, string? workspace, CancellationToken cancellationToken)
    {
        if (!ObjectKey.IsValid(key, out var error))
        {
            throw new ArgumentException(error, nameof(key));
        }
        workspace = workspace == Core.Access.Workspace.Default ? null : workspace;
        if (workspace is not null && !Core.Access.Workspace.IsValid(workspace))
        {
            throw new ArgumentException(Core.Access.Workspace.Rule, nameof(workspace));
        }
        var identity = workspace is null ? key : workspace + "\n" + key;
        var marker = EventsPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..40] + ".json";
        await WriteAsync(marker, new QueuedEvent(key, clock.GetUtcNow(), workspace), cancellationToken);
    }

    /// <summary>Queues a query for the server; returns its id.</summary>
    public async Task<string> QueueQueryAsync(
        string path, string? contentType, string body, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        await WriteAsync(QueriesPrefix + id + ".json", new QueuedQuery(id, path, contentType, body, clock.GetUtcNow(), headers), cancellationToken);
        return id;
    }

    public async Task<QueryLookup> FindQueryAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsQueryId(id))
        {
            return QueryLookup.Unknown;
        }
        try
        {
            if (await TryReadAsync<QueuedAnswer>(AnswersPrefix + id + ".json", cancellationToken) is { } answer)
            {
                return new QueryLookup(true, answer);
            }
        }
        catch (JsonException)
        {
            return QueryLookup.Pending; // read while the server was writing it (S3-compatible stores differ here)
        }
        if (await objects.ExistsAsync(QueriesPrefix + id + ".json", cancellationToken))
        {
            return QueryLookup.Pending;
        }
        // The server writes the answer before removing the request: look again, it may have just moved.
        return await TryReadAsync<QueuedAnswer>(AnswersPrefix + id + ".json", cancellationToken) is { } answered
            ? new QueryLookup(true, answered)
            : QueryLookup.Unknown;
    }

    /// <summary>Events and queries not yet handled by the server.</summary>
    public async Task<int> CountPendingAsync(CancellationToken cancellationToken) =>
        (await objects.ListAsync(EventsPrefix, cancellationToken)).Count + (await objects.ListAsync(QueriesPrefix, cancellationToken)).Count;

    public async Task<IReadOnlyList<(string Marker, QueuedEvent Event)>> PendingEventsAsync(CancellationToken cancellationToken) =>
        await ReadAllAsync<QueuedEvent>(EventsPrefix, cancellationToken);

    public async Task<IReadOnlyList<(string Marker, QueuedQuery Query)>> PendingQueriesAsync(CancellationToken cancellationToken) =>
        await ReadAllAsync<QueuedQuery>(QueriesPrefix, cancellationToken);

    /// <summary>Stores the answer, then removes the request: a crash in between answers the query twice, never zero times.</summary>
    public async Task AnswerAsync(string marker, QueuedQuery query, QueuedAnswer answer, CancellationToken cancellationToken)
    {
        await WriteAsync(AnswersPrefix + query.Id + ".json", answer, cancellationToken);
        await objects.DeleteAsync(marker, cancellationToken);
    }

    public Task CompleteAsync(string marker, CancellationToken cancellationToken) => objects.DeleteAsync(marker, cancellationToken);

    /// <summary>Removes answers older than <paramref name="retention"/> (S3 also expires them by a lifecycle rule).</summary>
    public async Task<int> ExpireAnswersAsync(TimeSpan retention, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - retention;
        var expired = (await objects.ListAsync(AnswersPrefix, cancellationToken)).Where(o => o.LastModified < cutoff).ToArray();
        foreach (var answer in expired)
        {
            await objects.DeleteAsync(answer.Key, cancellationToken);
        }
        return expired.Length;
    }

    public static bool IsQueryId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);

    private async Task<IReadOnlyList<(string, T)>> ReadAllAsync<T>(string prefix, CancellationToken cancellationToken) where T : class
    {
        var items = new List<(string, T)>();
        foreach (var stored in await objects.ListAsync(prefix, cancellationToken))
        {
            try
            {
                if (await TryReadAsync<T>(stored.Key, cancellationToken) is { } item)
                {
                    items.Add((stored.Key, item));
                }
            }
            catch (JsonException) when (stored.LastModified < clock.GetUtcNow() - UnreadableGrace)
            {
                // Unreadable work would count as pending forever and keep compute up: drop it.
                await objects.DeleteAsync(stored.Key, cancellationToken);
            }
            catch (JsonException)
            {
                // Possibly still being written (S3-compatible servers may serve a partial object): next poll.
            }
        }
        return items;
    }

    private async Task WriteAsync<T>(string key, T value, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(value, Json));
        await objects.PutAsync(key, content, cancellationToken);
    }

    private async Task<T?> TryReadAsync<T>(string key, CancellationToken cancellationToken) where T : class
    {
        try
        {
            await using var content = await objects.OpenReadAsync(key, cancellationToken);
            return await JsonSerializer.DeserializeAsync<T>(content, Json, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return null; // taken by the server between listing and reading
        }
    }
}
