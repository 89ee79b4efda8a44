using System.ComponentModel.DataAnnotations;

namespace PharmaRag.Server.Access;

/// <summary>
/// PharmaRag:Auth: whether callers must authenticate, and the optional OIDC/JWT bearer tokens
/// accepted beside API keys.
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "PharmaRag:Auth";
    public const string Auto = "auto";
    public const string Required = "required";

    /// <summary>
    /// auto (default): required when the server listens on any non-loopback address, off on
    /// loopback only; required: always. Authentication cannot be switched off on a
    /// non-loopback address.
    /// </summary>
    public string Mode { get; set; } = Auto;

    public JwtAuthOptions Jwt { get; set; } = new();

    public bool AlwaysRequired => string.Equals(Mode, Required, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.Equals(Mode, Auto, StringComparison.OrdinalIgnoreCase) && !AlwaysRequired)
        {
            yield return new ValidationResult(
                $"{Section}:Mode must be '{Auto}' or '{Required}', not '{Mode}' (authentication is always required on a non-loopback address).",
                [nameof(Mode)]);
        }
        foreach (var error in Jwt.Validate())
        {
            yield return error;
        }
    }
}
