using PharmaRag.Core.Access;

namespace PharmaRag.Testing.Conformance;

/// <summary>What every <see cref="IApiKeyStore"/> must do.</summary>
public abstract class ApiKeyStoreConformance
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>A fresh, empty, initialised store.</summary>
    protected abstract Task<PortFixture<IApiKeyStore>> CreateAsync();

    [Fact]
    public async Task A_created_key_is_found_by_its_id_and_matches_only_its_own_secret()
    {
        await using var f = await CreateAsync();
        var (record, key) = ApiKeySecret.Create("team-a", ApiKeyRole.Writer, "ci", T0);
        await f.Port.AddAsync(record, None);

        Assert.True(ApiKeySecret.TryParse(key, out var keyId, out var secret));
        var found = await f.Port.FindAsync(keyId, None);
        Assert.NotNull(found);
        Assert.Equal(("team-a", ApiKeyRole.Writer, "ci", T0, false), (found.Workspace, found.Role, found.Name, found.CreatedAt, found.IsRevoked));
        Assert.True(ApiKeySecret.Matches(found, secret));
        Assert.False(ApiKeySecret.Matches(found, secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A')));
        Assert.DoesNotContain(secret, Convert.ToBase64String(found.SecretSha256));
        Assert.Null(await f.Port.FindAsync("0000000000000000", None));
    }

    [Fact]
    public async Task Keys_are_listed_oldest_first_and_a_duplicate_id_is_refused()
    {
        await using var f = await CreateAsync();
        var (second, _) = ApiKeySecret.Create("b", ApiKeyRole.Reader, null, T0.AddMinutes(1));
        var (first, _) = ApiKeySecret.Create("a", ApiKeyRole.Admin, null, T0);
        await f.Port.AddAsync(second, None);
        await f.Port.AddAsync(first, None);

        var keys = await f.Port.ListAsync(None);

        Assert.Equal([first.KeyId, second.KeyId], keys.Select(k => k.KeyId));
        Assert.Equal([ApiKeyRole.Admin, ApiKeyRole.Reader], keys.Select(k => k.Role));
        await Assert.ThrowsAsync<InvalidOperationException>(() => f.Port.AddAsync(first with { Workspace = "c" }, None));
        Assert.Equal("a", (await f.Port.FindAsync(first.KeyId, None))!.Workspace);
    }

    [Fact]
    public async Task A_revoked_key_stays_listed_as_revoked_and_revoking_twice_reports_false()
    {
        await using var f = await CreateAsync();
        var (record, _) = ApiKeySecret.Create("a", ApiKeyRole.Writer, null, T0);
        await f.Port.AddAsync(record, None);

        Assert.True(await f.Port.RevokeAsync(record.KeyId, T0.AddHours(1), None));
        Assert.False(await f.Port.RevokeAsync(record.KeyId, T0.AddHours(2), None));
        Assert.False(await f.Port.RevokeAsync("ffffffffffffffff", T0, None));

        var found = await f.Port.FindAsync(record.KeyId, None);
        Assert.Equal(T0.AddHours(1), found!.RevokedAt);
        Assert.True(Assert.Single(await f.Port.ListAsync(None)).IsRevoked);
    }
}
