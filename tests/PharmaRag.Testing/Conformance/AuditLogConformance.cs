using PharmaRag.Core.Access;

namespace PharmaRag.Testing.Conformance;

/// <summary>What every <see cref="IAuditLog"/> must do.</summary>
public abstract class AuditLogConformance
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>A fresh, empty, initialised log.</summary>
    protected abstract Task<PortFixture<IAuditLog>> CreateAsync();

    private static AuditEvent Event(int minute, string workspace, string? key, string action = "query") =>
        new(T0.AddMinutes(minute), key, workspace, action, "POST", "/rag-query", null, 200);

    [Fact]
    public async Task Events_come_back_in_time_order_with_every_field()
    {
        await using var f = await CreateAsync();
        var delete = new AuditEvent(T0.AddSeconds(1), "k1", "a", "delete", "DELETE", "/documents/{id}", "abc123", 204);
        var upload = new AuditEvent(T0, null, "default", "upload", "PUT", "/objects/{**key}", "uploads/x.pdf", 200);
        await f.Port.AppendAsync([delete, upload], None);
        await f.Port.AppendAsync([], None);

        Assert.Equal([upload, delete], await f.Port.QueryAsync(new AuditQuery(), None));
    }

    [Fact]
    public async Task Filters_select_by_time_workspace_and_key_and_the_limit_keeps_the_newest()
    {
        await using var f = await CreateAsync();
        await f.Port.AppendAsync([Event(0, "a", "k1"), Event(1, "b", "k2"), Event(2, "a", "k2"), Event(3, "a", "k1")], None);

        Assert.Equal(new[] { 2, 3 }, Minutes(await f.Port.QueryAsync(new AuditQuery(Since: T0.AddMinutes(2)), None)));
        Assert.Equal(new[] { 0, 1 }, Minutes(await f.Port.QueryAsync(new AuditQuery(Until: T0.AddMinutes(2)), None)));
        Assert.Equal(new[] { 0, 2, 3 }, Minutes(await f.Port.QueryAsync(new AuditQuery(Workspace: "a"), None)));
        Assert.Equal(new[] { 1, 2 }, Minutes(await f.Port.QueryAsync(new AuditQuery(KeyId: "k2"), None)));
        Assert.Equal(new[] { 3 }, Minutes(await f.Port.QueryAsync(new AuditQuery(Workspace: "a", KeyId: "k1", Since: T0.AddMinutes(1)), None)));
        Assert.Equal(new[] { 2, 3 }, Minutes(await f.Port.QueryAsync(new AuditQuery(Limit: 2), None)));
        Assert.Empty(await f.Port.QueryAsync(new AuditQuery(Workspace: "nobody"), None));
    }

    private static int[] Minutes(IReadOnlyList<AuditEvent> events) =>
        events.Select(e => (int)(e.At - T0).TotalMinutes).ToArray();
}
