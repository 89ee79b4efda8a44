using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Http;
using PharmaRag.Core.Configuration;

namespace PharmaRag.Server.Endpoints;

/// <summary>
/// Where a presigned URL of the local object store points. The request's Host header is chosen by
/// the client, so it is used only when it can be trusted: when host filtering (AllowedHosts) lists
/// the hosts this service answers to, or when it names the loopback interface. Otherwise
/// PharmaRag:Uploads:PublicBaseUrl must say.
/// </summary>
internal static class UploadBaseUrl
{
    public const string Untrusted =
        "The request's Host is not one this service may put in a URL. Set PharmaRag:Uploads:PublicBaseUrl to the address clients use, or list the hosts in AllowedHosts.";

    public static string? For(UploadOptions uploads, HttpRequest request, HostFilteringOptions hosts)
    {
        if (uploads.PublicBaseUrl is { Length: > 0 } configured)
        {
            return configured;
        }
        var host = request.Host.Host;
        var filtered = hosts.AllowedHosts.Count > 0 && !hosts.AllowedHosts.Contains("*");
        return filtered || IsLoopback(host) ? $"{request.Scheme}://{request.Host}" : null;
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
}
