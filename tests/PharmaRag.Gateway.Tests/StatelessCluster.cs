using PharmaRag.Testing;

namespace PharmaRag.Gateway.Tests;

/// <summary>
/// The AWS shape on one machine: s3rver as the bucket, the fake ECS and ELB APIs whose service
/// runs a real `pharmarag serve` process as its task, and any number of gateway processes (or
/// in-process gateways) that share nothing but S3 and the ECS service, as Lambda instances do.
/// </summary>
public sealed class StatelessCluster : IAsyncDisposable
{
    public const string Prefix = "pharmarag/";

    private readonly TempDirectory _root = new();
    private readonly List<ChildProcess> _gateways = [];

    private readonly TempDirectory _serverData;

    private StatelessCluster(S3rver s3, FakeAws aws, IServerTasks tasks, TempDirectory serverData)
    {
        _serverData = serverData;
        S3 = s3;
        Aws = aws;
        Tasks = tasks;
    }

    public S3rver S3 { get; }

    public FakeAws Aws { get; }

    public IServerTasks Tasks { get; }

    /// <summary>
    /// Tasks are `pharmarag serve` processes; with <paramref name="serverClock"/>, the real server
    /// in this process on that clock, so that a test decides how much time the server sees pass.
    /// </summary>
    public static async Task<StatelessCluster> StartAsync(TimeProvider? serverClock = null, params string[] serverSettings)
    {
        S3rver.UseCredentialsInThisProcess();
        var s3 = await S3rver.StartAsync();
        var serverData = new TempDirectory();
        string[] settings = [.. s3.Settings(Prefix), .. serverSettings];
        IServerTasks tasks = serverClock is null
            ? new ServerTasks(serverData.Path, settings)
            : new InProcessServerTasks(serverData.Path, settings, serverClock);
        var aws = await FakeAws.StartAsync(tasks);
        return new StatelessCluster(s3, aws, tasks, serverData);
    }

    /// <summary>Gateway configuration: ECS compute against the fake, objects in s3rver, its own empty data directory.</summary>
    public string[] GatewaySettings(double coldStartWaitSeconds, double idleTimeoutSeconds = 60) =>
    [
        .. S3.Settings(Prefix),
        "--PharmaRag:Gateway:Compute=ecs",
        $"--PharmaRag:Gateway:ColdStartWaitSeconds={coldStartWaitSeconds}",
        $"--PharmaRag:Gateway:IdleTimeoutSeconds={idleTimeoutSeconds}",
        $"--PharmaRag:Gateway:Ecs:Region={FakeAws.Region}",
        $"--PharmaRag:Gateway:Ecs:Cluster={FakeAws.Cluster}",
        $"--PharmaRag:Gateway:Ecs:Service={FakeAws.Service}",
        $"--PharmaRag:Gateway:Ecs:TargetGroupArn={FakeAws.TargetGroupArn}",
        $"--PharmaRag:Gateway:Ecs:ServerUrl={Tasks.Address}",
        $"--PharmaRag:Gateway:Ecs:EcsEndpoint={Aws.Address}",
        $"--PharmaRag:Gateway:Ecs:ElbEndpoint={Aws.Address}",
        "--PharmaRag:Gateway:Ecs:PollSeconds=0.1",
        $"--PharmaRag:Gateway:Ecs:AccessKeyId={FakeAws.AccessKeyId}",
        $"--PharmaRag:Gateway:Ecs:SecretAccessKey={FakeAws.SecretAccessKey}",
    ];

    /// <summary>A gateway as its own process, with its own data directory.</summary>
    public async Task<ChildProcess> StartGatewayProcessAsync(double coldStartWaitSeconds)
    {
        var data = Path.Combine(_root.Path, "gateway-" + _gateways.Count);
        var gateway = ChildProcess.Start("gateway", ChildProcess.FreePort(),
            ["--data", data, "--compute", "ecs", .. GatewaySettings(coldStartWaitSeconds)], ServerTasks.S3Credentials);
        _gateways.Add(gateway);
        await gateway.WaitHealthyAsync();
        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var gateway in _gateways)
        {
            await gateway.DisposeAsync();
        }
        await Tasks.DisposeAsync();
        await Aws.DisposeAsync();
        await S3.DisposeAsync();
        _root.Dispose();
        _serverData.Dispose();
    }
}
