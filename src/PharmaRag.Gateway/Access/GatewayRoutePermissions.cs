using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PharmaRag.Core.Access;
using PharmaRag.Server.Access;

namespace PharmaRag.Gateway.Access;

/// <summary>
/// The gateway's role table, by endpoint name, the same rows as the server's: the routes the
/// gateway answers itself (presigned URLs, uploads, queued queries and their answers, upload
/// events) are checked here because compute may be stopped; a route missing from the table needs admin.
/// </summary>
public static class GatewayRoutePermissions
{
    public static readonly IReadOnlyDictionary<string, GatewayRoutePermission> Table = new Dictionary<string, GatewayRoutePermission>
    {
        ["GatewayHealth"] = new(null, false),
        // The Lambda Web Adapter's pass-through path (S3 notifications, the scheduled idle check):
        // not routed by API Gateway, so it is reached only by AWS itself.
        ["Events"] = new(null, false),
        ["PutObject"] = new(null, false), // the signed URL is the credential
        ["GetPresignedUrl"] = new(ApiKeyRole.Writer, false),
        ["ObjectCreated"] = new(ApiKeyRole.Writer, false),
        ["GatewayRagQuery"] = new(ApiKeyRole.Reader, false),
        ["GatewayRagQueryMultimodal"] = new(ApiKeyRole.Reader, false),
        ["GatewayQueryResult"] = new(ApiKeyRole.Reader, false),
        ["GatewayRagQueryStream"] = new(ApiKeyRole.Reader, true),
        ["GatewayProcess"] = new(ApiKeyRole.Writer, true),
        ["GatewayDocuments"] = new(ApiKeyRole.Reader, true),
        ["GatewayDocument"] = new(ApiKeyRole.Reader, true),
        ["GatewayDeleteDocument"] = new(ApiKeyRole.Writer, true),
        ["GatewayDocumentFile"] = new(ApiKeyRole.Reader, true),
        ["GatewaySubgraph"] = new(ApiKeyRole.Reader, true),
        ["GatewayGraph"] = new(ApiKeyRole.Reader, true),
    };

    private static readonly GatewayRoutePermission Unclassified = new(ApiKeyRole.Admin, false);

    /// <summary>Applies the table to every endpoint of <paramref name="group"/>.</summary>
    public static RouteGroupBuilder WithGatewayRoutePermissions(this RouteGroupBuilder group, AccessMode mode)
    {
        ((IEndpointConventionBuilder)group).Finally(endpoint =>
        {
            var name = endpoint.Metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName;
            var permission = name is not null && Table.TryGetValue(name, out var p) ? p : Unclassified;
            endpoint.Metadata.Add(permission);
            var checkHere = permission.Role is not null && (!permission.ForwardedToCompute || mode.Required);
            endpoint.Metadata.Add(checkHere ? new AuthorizeAttribute(AccessAuthentication.Policy(permission.Role!.Value)) : new AllowAnonymousAttribute());
        });
        return group;
    }

    public static string? NameOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName;
}
