namespace PharmaRag.Server.Hosting;

/// <summary>Settings a gateway passes to the server it starts as its compute.</summary>
public static class ComputeSettings
{
    /// <summary>The gateway's process id: the server stops itself once that process is gone.</summary>
    public const string ParentProcessIdKey = "PharmaRag:Compute:ParentProcessId";
}
