namespace PharmaRag.Server.Hosting;

/// <summary>The data directory this process works in.</summary>
public sealed record DataDirectoryInfo(string Path);
