namespace PharmaRag.Server.Contracts;

/// <summary>Process (or, with force, re-process) the object at key.</summary>
public sealed record ProcessRequest(string? Key, bool Force = false);
