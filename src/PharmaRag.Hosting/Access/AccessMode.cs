using System.Net;

namespace PharmaRag.Server.Access;

/// <summary>
/// Whether this server requires authentication, and why: always on a non-loopback address,
/// or when PharmaRag:Auth:Mode is required; off when every listen address is loopback.
/// </summary>
public sealed record AccessMode(bool Required, string Reason)
{
    public static AccessMode For(string urls, AuthOptions options)
    {
        var exposed = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(u => !IsLoopback(u)).ToArray();
        if (exposed.Length > 0)
        {
            return new AccessMode(true, $"the server listens on a non-loopback address ({string.Join(", ", exposed)})");
        }
        return options.AlwaysRequired
            ? new AccessMode(true, $"{AuthOptions.Section}:Mode is {AuthOptions.Required}")
            : new AccessMode(false, $"the server listens on loopback only ({urls}); set {AuthOptions.Section}:Mode={AuthOptions.Required} to require keys here too");
    }

    /// <summary>True for localhost, 127.0.0.0/8 and ::1; false for wildcards (*, +, 0.0.0.0, [::]) and every other host.</summary>
    public static bool IsLoopback(string url)
    {
        var rest = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        var hostPort = rest.Split('/')[0];
        string host;
        if (hostPort.StartsWith('['))
        {
            var end = hostPort.IndexOf(']');
            host = end < 0 ? hostPort : hostPort[1..end];
        }
        else
        {
            host = hostPort.Split(':')[0];
        }
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }
}
