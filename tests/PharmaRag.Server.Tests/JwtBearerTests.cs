using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PharmaRag.Testing;

namespace PharmaRag.Server.Tests;

/// <summary>
/// OIDC/JWT bearer tokens signed by a key generated here (the issuer's keys given as a JWKS
/// file, no network): the configured claims choose workspace and role; anything not signed by
/// the issuer, for another audience, or expired is refused.
/// </summary>
public sealed class JwtBearerTests
{
    private const string Issuer = "https://login.example.test/tenant";
    private const string Audience = "pharmarag-api";

    [Fact]
    public async Task Tokens_map_their_claims_to_workspace_and_role_and_bad_tokens_get_401()
    {
        using var data = new TempDirectory();
        using var issuerKey = RSA.Create(2048);
        using var otherKey = RSA.Create(2048);
        var jwks = Path.Combine(data.Path, "jwks.json");
        File.WriteAllText(jwks, Jwks(issuerKey, "k1"));
        await using var server = await InProcessServer.StartAsync(Path.Combine(data.Path, "data"),
            AccessApi.RequireAuth,
            $"--PharmaRag:Auth:Jwt:SigningKeysFile={jwks}", $"--PharmaRag:Auth:Jwt:Issuer={Issuer}", $"--PharmaRag:Auth:Jwt:Audience={Audience}",
            "--PharmaRag:Auth:Jwt:WorkspaceClaim=custom:workspace", "--PharmaRag:Auth:Jwt:RoleClaim=cognito:groups");

        // Groups as Cognito sends them: several values, the highest known role wins.
        using var writer = server.As(Token(issuerKey, "k1", new() { ["custom:workspace"] = "team-a", ["cognito:groups"] = new[] { "staff", "writer" } }));
        Assert.Equal(HttpStatusCode.OK, (await writer.GetAsync("/presigned-url?filename=a.txt")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.GetAsync("/documents?workspace=team-b")).StatusCode);

        // A reader cannot smuggle PharmaRag's own claims in.
        using var reader = server.As(Token(issuerKey, "k1", new()
        {
            ["custom:workspace"] = "team-a", ["cognito:groups"] = "reader", ["pharmarag:role"] = "admin", ["pharmarag:workspace"] = "team-b",
        }));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/documents")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/presigned-url?filename=a.txt")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/documents?workspace=team-b")).StatusCode);

        var refused = new[]
        {
            Token(otherKey, "k1", new() { ["custom:workspace"] = "team-a", ["cognito:groups"] = "admin" }),
            Token(issuerKey, "k1", new() { ["custom:workspace"] = "team-a", ["cognito:groups"] = "admin" }, audience: "another-api"),
            Token(issuerKey, "k1", new() { ["custom:workspace"] = "team-a", ["cognito:groups"] = "admin" }, issuer: "https://evil.example.test"),
            Token(issuerKey, "k1", new() { ["custom:workspace"] = "team-a", ["cognito:groups"] = "admin" }, expires: DateTime.UtcNow.AddMinutes(-10)),
            Token(issuerKey, "k1", new() { ["cognito:groups"] = "admin" }),
            Token(issuerKey, "k1", new() { ["custom:workspace"] = "Team A!", ["cognito:groups"] = "admin" }),
            Token(issuerKey, "k1", new() { ["custom:workspace"] = "team-a", ["cognito:groups"] = "superuser" }),
            "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
        };
        foreach (var token in refused)
        {
            using var client = server.As(token);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/documents")).StatusCode);
        }
    }

    private static string Token(RSA key, string keyId, Dictionary<string, object> claims, string audience = Audience, string issuer = Issuer, DateTime? expires = null)
    {
        var now = DateTime.UtcNow;
        var expiry = expires ?? now.AddMinutes(10);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", "user-42")]),
            Claims = claims,
            IssuedAt = expiry.AddMinutes(-20),
            NotBefore = expiry.AddMinutes(-20),
            Expires = expiry,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key) { KeyId = keyId }, SecurityAlgorithms.RsaSha256),
        });
    }

    private static string Jwks(RSA key, string keyId)
    {
        var p = key.ExportParameters(includePrivateParameters: false);
        return JsonSerializer.Serialize(new
        {
            keys = new[]
            {
                new { kty = "RSA", use = "sig", alg = "RS256", kid = keyId, n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) },
            },
        });
    }
}
