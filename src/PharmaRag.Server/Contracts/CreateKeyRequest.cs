namespace PharmaRag.Server.Contracts;

/// <summary>A key to create: its workspace (default: default), role (reader, writer, admin) and an optional note.</summary>
public sealed record CreateKeyRequest(string? Workspace, string? Role, string? Name);
