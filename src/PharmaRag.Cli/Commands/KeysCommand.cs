using System.CommandLine;
using System.Text.Json;
using PharmaRag.Server.Terminal;
using PharmaRag.Core.Access;
using PharmaRag.Core.Storage;
using PharmaRag.Server.Access;
using Spectre.Console;

namespace PharmaRag.Cli.Commands;

/// <summary>
/// `pharmarag keys create|list|revoke`: API keys of the data directory's deployment. A key is
/// shown once, alone on the last line of `create`; only its SHA-256 is stored.
/// </summary>
internal static class KeysCommand
{
    public static Command Create() => new("keys", "Create, list and revoke API keys (clients send Authorization: Bearer KEY)")
    {
        CreateKey(), ListKeys(), RevokeKey(),
    };

    private static Command CreateKey()
    {
        var workspace = new Option<string>("--workspace")
        {
            Description = "The workspace the key works in",
            DefaultValueFactory = _ => Workspace.Default,
        };
        var role = new Option<string>("--role") { Description = "reader, writer or admin", Required = true };
        role.AcceptOnlyFromAmong("reader", "writer", "admin");
        var name = new Option<string?>("--name") { Description = "A note saying whose or what the key is" };
        var data = CommonOptions.Data();
        var command = new Command("create", "Create a key; prints it alone on the last line, once") { workspace, role, name, data }.AcceptingSettings();
        command.SetAction(async (parse, cancellationToken) =>
        {
            var space = parse.GetValue(workspace)!;
            if (!Workspace.IsValid(space))
            {
                throw new UsageException($"Invalid --workspace '{space}': {Workspace.Rule}.");
            }
            await using var services = await OpenAsync(parse, data, cancellationToken);
            var (record, key) = ApiKeySecret.Create(
                space, Enum.Parse<ApiKeyRole>(parse.GetValue(role)!, ignoreCase: true), parse.GetValue(name), services.Get<TimeProvider>().GetUtcNow());
            await services.Get<IApiKeyStore>().AddAsync(record, cancellationToken);
            await PublishAsync(services, cancellationToken);
            Console.WriteLine($"Created key {record.KeyId} ({parse.GetValue(role)} in workspace {space}). It is shown only now; keep it secret:");
            Console.WriteLine(key);
            return 0;
        });
        return command;
    }

    private static Command ListKeys()
    {
        var json = CommonOptions.Json();
        var data = CommonOptions.Data();
        var command = new Command("list", "List keys (ids, workspaces, roles; never the keys themselves)") { json, data }.AcceptingSettings();
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await OpenAsync(parse, data, cancellationToken);
            var keys = await services.Get<IApiKeyStore>().ListAsync(cancellationToken);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(
                    keys.Select(k => new { id = k.KeyId, k.Workspace, role = k.Role, k.Name, created_at = k.CreatedAt, revoked_at = k.RevokedAt }),
                    QueryCommand.Json));
                return 0;
            }
            var table = new Table().AddColumns("Id", "Workspace", "Role", "Name", "Created", "Revoked");
            foreach (var k in keys)
            {
                table.AddRow(k.KeyId, k.Workspace, k.Role.ToString().ToLowerInvariant(), Markup.Escape(k.Name ?? ""),
                    k.CreatedAt.ToString("u"), k.RevokedAt?.ToString("u") ?? "");
            }
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command RevokeKey()
    {
        var id = new Argument<string>("id") { Description = "The key id (as `pharmarag keys list` shows it)" };
        var data = CommonOptions.Data();
        var command = new Command("revoke", "Revoke a key; requests with it get 401 from then on") { id, data }.AcceptingSettings();
        command.SetAction(async (parse, cancellationToken) =>
        {
            var keyId = parse.GetValue(id)!;
            // A whole key is accepted too, so that revoking a leaked one needs no look-up.
            if (ApiKeySecret.TryParse(keyId, out var parsed, out _))
            {
                keyId = parsed;
            }
            await using var services = await OpenAsync(parse, data, cancellationToken);
            var store = services.Get<IApiKeyStore>();
            if (!await store.RevokeAsync(keyId, services.Get<TimeProvider>().GetUtcNow(), cancellationToken))
            {
                throw new UsageException((await store.FindAsync(keyId, cancellationToken)) is null
                    ? $"No key {keyId}: see `pharmarag keys list`."
                    : $"Key {keyId} is already revoked.");
            }
            await PublishAsync(services, cancellationToken);
            Console.WriteLine($"Revoked key {keyId}.");
            return 0;
        });
        return command;
    }

    /// <summary>The gateway verifies keys from the directory published to the object store: publish it now.</summary>
    private static Task PublishAsync(CliServices services, CancellationToken cancellationToken) =>
        new ApiKeyPublisher(services.Get<IApiKeyStore>(), services.Get<IObjectStore>(), services.Get<TimeProvider>()).PublishAsync(cancellationToken);

    /// <summary>Keys live beside the default workspace's data; a running server shares them.</summary>
    private static Task<CliServices> OpenAsync(ParseResult parse, Option<string?> data, CancellationToken cancellationToken) =>
        CliServices.OpenAsync(parse.GetValue(data), CliInvocation.From(parse), write: false, cancellationToken, checkEmbeddingModel: false);
}
