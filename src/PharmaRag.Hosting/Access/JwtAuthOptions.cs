using System.ComponentModel.DataAnnotations;

namespace PharmaRag.Server.Access;

/// <summary>
/// PharmaRag:Auth:Jwt: bearer tokens from an OpenID Connect provider (Cognito, Entra ID), off
/// unless <see cref="Authority"/> or <see cref="SigningKeysFile"/> is set. A token's
/// <see cref="WorkspaceClaim"/> names its workspace and its <see cref="RoleClaim"/> (one value or
/// several, as groups are) its role: reader, writer or admin, the highest one present winning.
/// </summary>
public sealed class JwtAuthOptions
{
    public const string Section = AuthOptions.Section + ":Jwt";

    /// <summary>The issuer's base URL; its signing keys come from its OpenID configuration document.</summary>
    public string? Authority { get; set; }

    /// <summary>
    /// A JSON Web Key Set file with the issuer's public keys, for machines that cannot reach the
    /// issuer (or tests); used instead of the keys <see cref="Authority"/> publishes.
    /// </summary>
    public string? SigningKeysFile { get; set; }

    /// <summary>The expected iss claim; defaults to <see cref="Authority"/>.</summary>
    public string? Issuer { get; set; }

    /// <summary>The expected aud claim (Cognito: the app client id; Entra: the application id URI). Required.</summary>
    public string? Audience { get; set; }

    public string WorkspaceClaim { get; set; } = "workspace";

    public string RoleClaim { get; set; } = "role";

    /// <summary>Allowed clock skew when checking exp and nbf.</summary>
    public int ClockSkewSeconds { get; set; } = 60;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(SigningKeysFile);

    internal IEnumerable<ValidationResult> Validate()
    {
        if (!Enabled)
        {
            yield break;
        }
        if (string.IsNullOrWhiteSpace(Audience))
        {
            yield return new ValidationResult($"{Section}:Audience is required when JWT bearer tokens are enabled.", [nameof(Audience)]);
        }
        if (!string.IsNullOrWhiteSpace(Authority) && !Uri.TryCreate(Authority, UriKind.Absolute, out _))
        {
            yield return new ValidationResult($"{Section}:Authority must be an absolute URL, not '{Authority}'.", [nameof(Authority)]);
        }
        if (!string.IsNullOrWhiteSpace(SigningKeysFile) && !File.Exists(SigningKeysFile))
        {
            yield return new ValidationResult($"{Section}:SigningKeysFile names a file that does not exist: '{SigningKeysFile}'.", [nameof(SigningKeysFile)]);
        }
        if (!string.IsNullOrWhiteSpace(SigningKeysFile) && string.IsNullOrWhiteSpace(Issuer) && string.IsNullOrWhiteSpace(Authority))
        {
            yield return new ValidationResult($"{Section}:Issuer is required with {Section}:SigningKeysFile.", [nameof(Issuer)]);
        }
        if (string.IsNullOrWhiteSpace(WorkspaceClaim) || string.IsNullOrWhiteSpace(RoleClaim))
        {
            yield return new ValidationResult($"{Section}:WorkspaceClaim and {Section}:RoleClaim must name claims.", [nameof(WorkspaceClaim)]);
        }
        if (ClockSkewSeconds is < 0 or > 3600)
        {
            yield return new ValidationResult($"{Section}:ClockSkewSeconds must be between 0 and 3600.", [nameof(ClockSkewSeconds)]);
        }
    }
}
