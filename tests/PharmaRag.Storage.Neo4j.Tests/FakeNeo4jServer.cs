using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using S = PharmaRag.Storage.Neo4j.Neo4jStatements;

namespace PharmaRag.Storage.Neo4j.Tests;

/// <summary>
/// A wire fake of Neo4j 5's Query API on a loopback port: POST /db/{database}/query/v2 with basic
/// auth and {"statement", "parameters"} answers 202 with {"data": {"fields", "values"},
/// "bookmarks"}, or {"errors": [{"code", "message"}]} with 401 (bad credentials), 404 (unknown
/// database) or 400 (malformed body, missing parameter, a statement it does not know). It knows
/// the fixed set of statements the store sends and runs each on an in-memory graph: a fake of
/// the server at the HTTP boundary, not of our store.
/// </summary>
public sealed partial class FakeNeo4jServer : IAsyncDisposable
{
    public const string Database = "neo4j";
    public const string Username = "neo4j";
    public const string Password = "s3cret-pass";

    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), JsonObject> _entityMentions = [];
    private readonly Dictionary<(string, string), JsonObject> _relationMentions = [];
    private readonly Dictionary<string, JsonObject> _entities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Source, string Target, JsonObject Properties)> _related = new(StringComparer.Ordinal);
    private int _transactions;

    private FakeNeo4jServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every statement received, in order.</summary>
    public ConcurrentQueue<string> Statements { get; } = new();

    /// <summary>Bookmarks clients sent with their requests.</summary>
    public ConcurrentQueue<string> ReceivedBookmarks { get; } = new();

    public HashSet<string> SchemaStatements { get; } = [];

    public static async Task<FakeNeo4jServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeNeo4jServer(app);
        app.MapPost("/db/{database}/query/v2", fake.HandleAsync);
        await app.StartAsync();
        fake.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return fake;
    }

    private async Task<IResult> HandleAsync(string database, HttpRequest request)
    {
        if (!Authorized(request.Headers.Authorization.ToString()))
        {
            return Error(StatusCodes.Status401Unauthorized, "Neo.ClientError.Security.Unauthorized", "The client is unauthorized due to authentication failure.");
        }
        if (database != Database)
        {
            return Error(StatusCodes.Status404NotFound, "Neo.ClientError.Database.DatabaseNotFound", $"Graph not found: {database}");
        }
        if (request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true
            || await JsonNode.ParseAsync(request.Body) is not JsonObject body
            || body["statement"]?.GetValue<string>() is not { } statement)
        {
            return Error(StatusCodes.Status400BadRequest, "Neo.ClientError.Request.Invalid", "Expected a JSON object with a statement.");
        }
        var parameters = body["parameters"] as JsonObject ?? [];
        foreach (var bookmark in body["bookmarks"] as JsonArray ?? [])
        {
            ReceivedBookmarks.Enqueue(bookmark!.GetValue<string>());
        }
        var missing = Parameter().Matches(statement).Select(m => m.Groups[1].Value).Distinct().Where(p => !parameters.ContainsKey(p)).ToArray();
        if (missing.Length > 0)
        {
            return Error(StatusCodes.Status400BadRequest, "Neo.ClientError.Statement.ParameterMissing", $"Expected parameter(s): {string.Join(", ", missing)}");
        }
        Statements.Enqueue(statement);
        (string[] Fields, List<JsonNode?[]> Rows)? result;
        lock (_lock)
        {
            result = Run(statement, parameters);
        }
        if (result is not { } answer)
        {
            return Error(StatusCodes.Status400BadRequest, "Neo.ClientError.Statement.SyntaxError", "Invalid input: the fake does not know this statement.");
        }
        var response = new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["fields"] = new JsonArray(answer.Fields.Select(f => (JsonNode?)f).ToArray()),
                ["values"] = new JsonArray(answer.Rows.Select(r => (JsonNode?)new JsonArray(r.Select(v => v?.DeepClone()).ToArray())).ToArray()),
            },
            ["bookmarks"] = new JsonArray($"FB:fake-{Interlocked.Increment(ref _transactions)}"),
        };
        return Results.Text(response.ToJsonString(), "application/json", Encoding.UTF8, StatusCodes.Status202Accepted);
    }

    private static bool Authorized(string header) =>
        header == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}"));

    private static IResult Error(int status, string code, string message) =>
        Results.Text(new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = message }) }.ToJsonString(),
            "application/json", Encoding.UTF8, status);

    private (string[] Fields, List<JsonNode?[]> Rows)? Run(string statement, JsonObject p)
    {
        if (S.Schema.Contains(statement))
        {
            SchemaStatements.Add(statement);
            return ([], []);
        }
        return statement switch
        {
            S.DeleteEntityMentions => (["id"], DeleteMentions(_entityMentions, (string)p["documentId"]!)),
            S.DeleteRelationMentions => (["id"], DeleteMentions(_relationMentions, (string)p["documentId"]!)),
            S.ReadAliases => (["key", "entityId"], Strs(p["keys"]).Where(_aliases.ContainsKey).Select(k => Row(k, _aliases[k])).ToList()),
            S.MergeAliases => Each(p["aliases"], a => _aliases.TryAdd((string)a["key"]!, (string)a["entityId"]!)),
            S.MergeEntityMentions => Each(p["mentions"], m => _entityMentions[((string)m["entityId"]!, (string)m["chunkId"]!)] = m),
            S.MergeRelationMentions => Each(p["mentions"], m => _relationMentions[((string)m["relationId"]!, (string)m["chunkId"]!)] = m),
            S.ReadEntityMentions => (["entityId", "chunkId", "documentId", "name", "type", "description", "aliases"],
                _entityMentions.Values.Where(m => Strs(p["ids"]).Contains((string)m["entityId"]!))
                    .Select(m => Row(m["entityId"], m["chunkId"], m["documentId"], m["name"], m["type"], m["description"], m["aliases"])).ToList()),
            S.ReadRelationMentions => (["relationId", "chunkId", "documentId", "sourceId", "targetId", "keywords", "description", "weight"],
                _relationMentions.Values.Where(m => Strs(p["ids"]).Contains((string)m["relationId"]!))
                    .Select(m => Row(m["relationId"], m["chunkId"], m["documentId"], m["sourceId"], m["targetId"], m["keywords"], m["description"], m["weight"]))
                    .ToList()),
            S.MergeEntities => Each(p["entities"], e => _entities[(string)e["id"]!] = e),
            S.RetireEntities => EachValue(p["ids"], id =>
            {
                if (_entities.TryGetValue((string)id!, out var e))
                {
                    e["mentions"] = 0;
                    e["searchText"] = "";
                }
            }),
            S.DeleteOrphans => EachValue(p["ids"], id =>
            {
                var key = (string)id!;
                if (_entities.TryGetValue(key, out var e) && (int)e["mentions"]! == 0 && !_related.Values.Any(r => r.Source == key || r.Target == key))
                {
                    _entities.Remove(key);
                }
            }),
            S.MergeRelations => Each(p["relations"], r =>
            {
                foreach (var end in new[] { (string)r["sourceId"]!, (string)r["targetId"]! })
                {
                    _entities.TryAdd(end, new JsonObject
                    {
                        ["id"] = end, ["name"] = end, ["type"] = "Concept", ["description"] = "", ["aliases"] = new JsonArray(), ["mentions"] = 0, ["searchText"] = "",
                    });
                }
                _related[(string)r["id"]!] = ((string)r["sourceId"]!, (string)r["targetId"]!, r);
            }),
            S.DeleteRelations => (["sourceId", "targetId"], Strs(p["ids"]).Where(_related.ContainsKey)
                .Select(id => { var r = _related[id]; _related.Remove(id); return Row(r.Source, r.Target); }).ToList()),
            S.SearchEntities => (EntityFields, _entities.Values.Where(e => (int)e["mentions"]! > 0)
                .Select(e => (Entity: e, Score: FullTextScore((string)p["query"]!, (string)e["searchText"]!))).Where(x => x.Score > 0)
                .OrderByDescending(x => x.Score).ThenBy(x => (string)x.Entity["id"]!, StringComparer.Ordinal)
                .Take((int)p["limit"]!).Select(x => EntityRow(x.Entity)).ToList()),
            S.SearchRelations => (RelationFields, _related
                .Select(r => (Id: r.Key, r.Value, Score: FullTextScore((string)p["query"]!, (string)r.Value.Properties["searchText"]!))).Where(x => x.Score > 0)
                .OrderByDescending(x => x.Score).ThenBy(x => x.Id, StringComparer.Ordinal)
                .Take((int)p["limit"]!).Select(x => RelationRow(x.Id, x.Value)).ToList()),
            S.EntityChunks => (["id", "chunkId"], Chunks(_entityMentions, "entityId", p)),
            S.RelationChunks => (["id", "chunkId"], Chunks(_relationMentions, "relationId", p)),
            S.RelationsOf => (RelationFields, _related
                .Where(r => Strs(p["ids"]).Contains(r.Value.Source) || Strs(p["ids"]).Contains(r.Value.Target))
                .OrderByDescending(r => (double)r.Value.Properties["weight"]!).ThenBy(r => r.Key, StringComparer.Ordinal)
                .Take((int)p["limit"]!).Select(r => RelationRow(r.Key, r.Value)).ToList()),
            S.Entities => (EntityFields, Strs(p["ids"]).Where(id => _entities.TryGetValue(id, out var e) && (int)e["mentions"]! > 0)
                .Select(id => EntityRow(_entities[id])).ToList()),
            S.Count => (["entities", "relations"], [Row(_entities.Values.Count(e => (int)e["mentions"]! > 0), _related.Count)]),
            _ => null,
        };
    }

    private static readonly string[] EntityFields = ["id", "name", "type", "description", "aliases", "mentions"];
    private static readonly string[] RelationFields = ["id", "sourceId", "targetId", "keywords", "description", "weight"];

    private static JsonNode?[] EntityRow(JsonObject e) => Row(e["id"], e["name"], e["type"], e["description"], e["aliases"], e["mentions"]);

    private static JsonNode?[] RelationRow(string id, (string Source, string Target, JsonObject Properties) r) =>
        Row(id, r.Source, r.Target, r.Properties["keywords"], r.Properties["description"], r.Properties["weight"]);

    private static List<JsonNode?[]> DeleteMentions(Dictionary<(string, string), JsonObject> mentions, string documentId)
    {
        var gone = mentions.Where(m => (string)m.Value["documentId"]! == documentId).ToArray();
        foreach (var m in gone)
        {
            mentions.Remove(m.Key);
        }
        return gone.Select(m => m.Key.Item1).Distinct().Select(id => Row(id)).ToList();
    }

    private static List<JsonNode?[]> Chunks(Dictionary<(string, string), JsonObject> mentions, string idField, JsonObject p)
    {
        var ids = Strs(p["ids"]);
        var documents = p["documentIds"] is null ? null : Strs(p["documentIds"]);
        return mentions.Values.Where(m => ids.Contains((string)m[idField]!) && (documents is null || documents.Contains((string)m["documentId"]!)))
            .Select(m => Row(m[idField], m["chunkId"])).ToList();
    }

    // Lucene-style: each quoted term of the query that occurs as a word of the text counts once.
    private static int FullTextScore(string query, string text)
    {
        var words = Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToHashSet();
        return QuotedTerm().Matches(query).Select(m => m.Groups[1].Value.ToLowerInvariant()).Distinct().Count(words.Contains);
    }

    private static (string[], List<JsonNode?[]>) Each(JsonNode? list, Action<JsonObject> apply)
    {
        foreach (var item in list!.AsArray())
        {
            apply(item!.AsObject());
        }
        return ([], []);
    }

    private static (string[], List<JsonNode?[]>) EachValue(JsonNode? list, Action<JsonNode?> apply)
    {
        foreach (var item in list!.AsArray())
        {
            apply(item);
        }
        return ([], []);
    }

    private static HashSet<string> Strs(JsonNode? list) => list!.AsArray().Select(v => (string)v!).ToHashSet(StringComparer.Ordinal);

    private static JsonNode?[] Row(params object?[] values) =>
        values.Select(v => v switch
        {
            JsonNode n => n.DeepClone(),
            string text => JsonValue.Create(text),
            int number => JsonValue.Create(number),
            null => null,
            _ => throw new ArgumentException($"No JSON for {v.GetType()}"),
        }).ToArray();

    [GeneratedRegex(@"\$(\w+)")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"\w+")]
    private static partial Regex Word();

    [GeneratedRegex("\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex QuotedTerm();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
