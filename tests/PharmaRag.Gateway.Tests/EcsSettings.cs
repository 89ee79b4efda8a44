namespace PharmaRag.Gateway.Tests;

/// <summary>Gateway settings for ECS compute against the fake AWS APIs, the task behind <c>serverUrl</c>.</summary>
public static class EcsSettings
{
    public static string[] For(FakeAws aws, Uri serverUrl, string secret = FakeAws.SecretAccessKey) =>
    [
        "--PharmaRag:Gateway:Compute=ecs",
        "--PharmaRag:Gateway:IdleTimeoutSeconds=2",
        $"--PharmaRag:Gateway:Ecs:Region={FakeAws.Region}",
        $"--PharmaRag:Gateway:Ecs:Cluster={FakeAws.Cluster}",
        $"--PharmaRag:Gateway:Ecs:Service={FakeAws.Service}",
        $"--PharmaRag:Gateway:Ecs:TargetGroupArn={FakeAws.TargetGroupArn}",
        $"--PharmaRag:Gateway:Ecs:ServerUrl={serverUrl}",
        $"--PharmaRag:Gateway:Ecs:EcsEndpoint={aws.Address}",
        $"--PharmaRag:Gateway:Ecs:ElbEndpoint={aws.Address}",
        "--PharmaRag:Gateway:Ecs:PollSeconds=0.05",
        $"--PharmaRag:Gateway:Ecs:AccessKeyId={FakeAws.AccessKeyId}",
        $"--PharmaRag:Gateway:Ecs:SecretAccessKey={secret}",
    ];
}
