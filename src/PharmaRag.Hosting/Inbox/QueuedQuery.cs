using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace PharmaRag.Hosting.Inbox;

/// <summary>
/// A query accepted with 202 while compute was cold: what to send to the server once it runs,
/// including the caller's <c>Authorization</c> and <c>X-Workspace</c> headers, so that the server
/// answers it as that caller, in that caller's workspace. The marker lives in the private,
/// encrypted inbox only until the server has answered it.
/// </summary>
public sealed record QueuedQuery(
    string Id, string Path, string? ContentType, string Body, DateTimeOffset AcceptedAt, IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>The request headers a queued query carries to the server.</summary>
    public static readonly IReadOnlyList<string> CarriedHeaders = ["Authorization", "X-Workspace"];

    /// <summary>Who may read the answer: a SHA-256 of the Authorization header, or null for a query sent without one.</summary>
    [JsonIgnore]
    public string? Caller => CallerOf(Headers?.GetValueOrDefault("Authorization"));

    public static string? CallerOf(string? authorization) =>
        string.IsNullOrEmpty(authorization) ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(authorization)));
}
