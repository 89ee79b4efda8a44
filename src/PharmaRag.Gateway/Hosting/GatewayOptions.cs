using System.ComponentModel.DataAnnotations;

namespace PharmaRag.Gateway.Hosting;

/// <summary>Settings of the gateway and its compute (section PharmaRag:Gateway).</summary>
public sealed class GatewayOptions
{
    public const string Section = "PharmaRag:Gateway";

    /// <summary>always-on, local-process or ecs.</summary>
    [Required]
    [RegularExpression("always-on|local-process|ecs")]
    public string Compute { get; set; } = "local-process";

    /// <summary>Compute with no request and no job for this long is stopped.</summary>
    [Range(1, 86400)]
    public double IdleTimeoutSeconds { get; set; } = 300;

    /// <summary>How long a query waits for cold compute before it gets 202 and a status URL.</summary>
    [Range(0, 3600)]
    public double ColdStartWaitSeconds { get; set; } = 25;

    /// <summary>How long compute may take to become healthy before a start counts as failed.</summary>
    [Range(1, 3600)]
    public double StartTimeoutSeconds { get; set; } = 120;

    /// <summary>How long a stopped local server may take to exit before it is killed.</summary>
    [Range(0, 600)]
    public double GracefulStopSeconds { get; set; } = 10;

    /// <summary>
    /// The program that runs `serve` for local-process compute, and arguments before `serve`;
    /// by default this same pharmarag executable.
    /// </summary>
    public string? ServerExecutable { get; set; }

    public string? ServerArguments { get; set; }

    /// <summary>
    /// How long the gateway keeps the key directory the server publishes before reading it again:
    /// a key revoked on the server is refused by the gateway at the latest this long afterwards.
    /// </summary>
    [Range(0, 3600)]
    public double KeyCacheSeconds { get; set; } = 30;

    public EcsOptions Ecs { get; set; } = new();

    public TimeSpan IdleTimeout => TimeSpan.FromSeconds(IdleTimeoutSeconds);
    public TimeSpan ColdStartWait => TimeSpan.FromSeconds(ColdStartWaitSeconds);
    public TimeSpan StartTimeout => TimeSpan.FromSeconds(StartTimeoutSeconds);
    public TimeSpan GracefulStop => TimeSpan.FromSeconds(GracefulStopSeconds);
}
