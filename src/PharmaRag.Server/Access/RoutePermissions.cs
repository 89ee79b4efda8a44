using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PharmaRag.Core.Access;

namespace PharmaRag.Server.Access;

/// <summary>
/// The role table of the API, by endpoint name: reader may query, search, explore the graph and
/// list; writer may also upload, process and delete; admin may also manage keys and use every
/// workspace. A route missing from the table needs admin, so a new route is closed until classified.
/// </summary>
public static class RoutePermissions
{
    public static readonly IReadOnlyDictionary<string, RoutePermission> Table = new Dictionary<string, RoutePermission>
    {
        ["Health"] = new(null, null),
        ["PutObject"] = new(null, "upload"),
        ["GetPresignedUrl"] = new(ApiKeyRole.Writer, "presign"),
        ["Process"] = new(ApiKeyRole.Writer, "process"),
        ["DeleteDocument"] = new(ApiKeyRole.Writer, "delete"),
        ["ListDocuments"] = new(ApiKeyRole.Reader, "list"),
        ["GetDocument"] = new(ApiKeyRole.Reader, "status"),
        ["GetDocumentFile"] = new(ApiKeyRole.Reader, "read"),
        ["Query"] = new(ApiKeyRole.Reader, "query"),
        ["RagQuery"] = new(ApiKeyRole.Reader, "query"),
        ["QueryStream"] = new(ApiKeyRole.Reader, "query"),
        ["RagQueryStream"] = new(ApiKeyRole.Reader, "query"),
        ["QueryMultimodal"] = new(ApiKeyRole.Reader, "query"),
        ["RagQueryMultimodal"] = new(ApiKeyRole.Reader, "query"),
        ["Search"] = new(ApiKeyRole.Reader, "search"),
        ["GetSubgraph"] = new(ApiKeyRole.Reader, "graph"),
        ["SearchEntities"] = new(ApiKeyRole.Reader, "graph"),
        ["GetEntityChunks"] = new(ApiKeyRole.Reader, "graph"),
        ["ListKeys"] = new(ApiKeyRole.Admin, "keys"),
        ["CreateKey"] = new(ApiKeyRole.Admin, "keys"),
        ["RevokeKey"] = new(ApiKeyRole.Admin, "keys"),
    };

    private static readonly RoutePermission Unclassified = new(ApiKeyRole.Admin, "unclassified");

    /// <summary>The policy name of a role: the role's own name.</summary>
    public static string Policy(ApiKeyRole role) => AccessAuthentication.Policy(role);

    /// <summary>
    /// Applies the table to every endpoint mapped on <paramref name="group"/>, after the endpoint's
    /// own conventions (so that its name is known).
    /// </summary>
    public static RouteGroupBuilder WithRoutePermissions(this RouteGroupBuilder group)
    {
        ((IEndpointConventionBuilder)group).Finally(endpoint =>
        {
            var name = endpoint.Metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName;
            var permission = name is not null && Table.TryGetValue(name, out var p) ? p : Unclassified;
            endpoint.Metadata.Add(permission);
            endpoint.Metadata.Add(permission.Role is { } role ? new AuthorizeAttribute(Policy(role)) : new AllowAnonymousAttribute());
        });
        return group;
    }

    public static RoutePermission? Of(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<RoutePermission>();
}
