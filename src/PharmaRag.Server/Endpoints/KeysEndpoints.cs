using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using PharmaRag.Core.Access;
using PharmaRag.Server.Access;
using PharmaRag.Server.Contracts;

namespace PharmaRag.Server.Endpoints;

/// <summary>API keys over HTTP, for admins (the same store as `pharmarag keys`).</summary>
public static class KeysEndpoints
{
    public static IEndpointRouteBuilder MapKeysEndpoints(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/keys").WithTags("Keys");
        keys.MapGet("/", ListAsync).WithName("ListKeys").WithSummary("Every API key (never the keys themselves)");
        keys.MapPost("/", CreateAsync).WithName("CreateKey").WithSummary("Create a key; the answer shows it once");
        keys.MapDelete("/{id}", RevokeAsync).WithName("RevokeKey").WithSummary("Revoke a key");
        return app;
    }

    internal static async Task<Ok<IReadOnlyList<KeyResponse>>> ListAsync(IApiKeyStore keys, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<KeyResponse>>((await keys.ListAsync(cancellationToken)).Select(KeyResponse.From).ToArray());

    internal static async Task<Results<Created<CreatedKeyResponse>, ValidationProblem>> CreateAsync(
        CreateKeyRequest? request, IApiKeyStore keys, ApiKeyPublisher publisher, TimeProvider time, CancellationToken cancellationToken)
    {
        var workspace = request?.Workspace ?? Workspace.Default;
        var errors = new Dictionary<string, string[]>();
        if (!Workspace.IsValid(workspace))
        {
            errors["workspace"] = [$"Invalid workspace: {Workspace.Rule}."];
        }
        if (!AccessClaims.TryParseRole(request?.Role, out var role))
        {
            errors["role"] = ["The role must be reader, writer or admin."];
        }
        if (request?.Name is { Length: > 200 })
        {
            errors["name"] = ["The name must be at most 200 characters."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var (record, key) = ApiKeySecret.Create(workspace, role, request?.Name, time.GetUtcNow());
        await keys.AddAsync(record, cancellationToken);
        await publisher.PublishAsync(cancellationToken); // the gateway verifies keys from what is published
        return TypedResults.Created($"/keys/{record.KeyId}", new CreatedKeyResponse(KeyResponse.From(record), key));
    }

    internal static async Task<Results<NoContent, NotFound>> RevokeAsync(
        string id, IApiKeyStore keys, ApiKeyPublisher publisher, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await keys.RevokeAsync(id, time.GetUtcNow(), cancellationToken))
        {
            return TypedResults.NotFound();
        }
        await publisher.PublishAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
