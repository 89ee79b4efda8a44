using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PharmaRag.Server.Terminal;
using PharmaRag.Core.Access;
using Spectre.Console;

namespace PharmaRag.Cli.Commands;

/// <summary>`pharmarag audit`: who uploaded, processed, deleted and queried what, and when.</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var since = new Option<string?>("--since") { Description = "From this time (2026-01-31T09:00Z) or this long ago (90m, 24h, 7d)" };
        var until = new Option<string?>("--until") { Description = "Before this time or this long ago" };
        var workspace = new Option<string?>("--workspace") { Description = "Only this workspace" };
        var key = new Option<string?>("--key") { Description = "Only this key id (or token subject, jwt:SUB)" };
        var limit = new Option<int>("--limit") { Description = "At most this many events, the newest", DefaultValueFactory = _ => 1000 };
        var json = CommonOptions.Json();
        var data = CommonOptions.Data();
        var command = new Command("audit", "Show the audit log: time, key, workspace, action, route, document, status")
        {
            since, until, workspace, key, limit, json, data,
        }.AcceptingSettings();
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(limit) is < 1 or > 1_000_000)
            {
                throw new UsageException("--limit must be between 1 and 1000000.");
            }
            if (parse.GetValue(workspace) is { } w && !Workspace.IsValid(w))
            {
                throw new UsageException($"Invalid --workspace '{w}': {Workspace.Rule}.");
            }
            await using var services = await CliServices.OpenAsync(
                parse.GetValue(data), CliInvocation.From(parse), write: false, cancellationToken, checkEmbeddingModel: false);
            var now = services.Get<TimeProvider>().GetUtcNow();
            var query = new AuditQuery(
                Time(parse.GetValue(since), "--since", now), Time(parse.GetValue(until), "--until", now),
                parse.GetValue(workspace), parse.GetValue(key), parse.GetValue(limit));
            var events = await services.Get<IAuditLog>().QueryAsync(query, cancellationToken);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(events, QueryCommand.Json));
                return 0;
            }
            var table = new Table().AddColumns("Time (UTC)", "Key", "Workspace", "Action", "Route", "Document / key", "Status");
            foreach (var e in events)
            {
                table.AddRow(e.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture), Markup.Escape(e.KeyId ?? "-"),
                    e.Workspace, e.Action, Markup.Escape($"{e.Method} {e.Route}"), Markup.Escape(e.Target ?? ""), e.Status.ToString(CultureInfo.InvariantCulture));
            }
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    /// <summary>An absolute time, or a duration before now (90m, 24h, 7d, 30s).</summary>
    internal static DateTimeOffset? Time(string? value, string option, DateTimeOffset now)
    {
        if (value is null)
        {
            return null;
        }
        if (value.Length >= 2 && int.TryParse(value[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            TimeSpan? ago = value[^1] switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => null,
            };
            if (ago is { } span)
            {
                return now - span;
            }
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }
        throw new UsageException($"{option} must be a time such as 2026-01-31T09:00Z or a duration such as 90m, 24h or 7d, not '{value}'.");
    }
}
