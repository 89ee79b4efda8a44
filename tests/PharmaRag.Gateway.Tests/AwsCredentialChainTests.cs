using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PharmaRag.Server.Tests;
using PharmaRag.Testing;

namespace PharmaRag.Gateway.Tests;

/// <summary>
/// A gateway process with no key settings takes its credentials from AWSSDK.Core's default chain:
/// here the ECS container credentials endpoint (the task role), over real HTTP, as on Fargate.
/// </summary>
public sealed class AwsCredentialChainTests
{
    [Fact]
    public async Task Without_key_settings_the_gateway_signs_ECS_and_ELB_calls_with_the_task_role_credentials()
    {
        await using var role = await FakeContainerCredentials.StartAsync();
        await using var aws = await FakeAws.StartAsync();
        aws.RequiredSessionToken = FakeContainerCredentials.SessionToken;
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);
        using var gatewayData = new TempDirectory();
        var settings = EcsSettings.For(aws, server.Client.BaseAddress!)
            .Where(s => !s.Contains(":AccessKeyId=", StringComparison.Ordinal) && !s.Contains(":SecretAccessKey=", StringComparison.Ordinal));
        var environment = new Dictionary<string, string>
        {
            ["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = role.Uri.ToString(),
            ["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = FakeContainerCredentials.AuthorizationToken,
            // Nothing earlier in the chain may answer: no keys in the environment (other tests set them
            // in this process for s3rver), no profile files, no web identity, no instance metadata.
            ["AWS_ACCESS_KEY_ID"] = "",
            ["AWS_SECRET_ACCESS_KEY"] = "",
            ["AWS_SESSION_TOKEN"] = "",
            ["AWS_PROFILE"] = "",
            ["AWS_WEB_IDENTITY_TOKEN_FILE"] = "",
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(gatewayData.Path, "no-credentials"),
            ["AWS_CONFIG_FILE"] = Path.Combine(gatewayData.Path, "no-config"),
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        };
        await using var gateway = ChildProcess.Start("gateway", ChildProcess.FreePort(),
            ["--data", gatewayData.Path, "--compute", "ecs", .. settings], environment);
        await gateway.WaitHealthyAsync();

        var response = await gateway.Client.PostAsJsonAsync("/rag-query", new { query = "What is the dose?" });

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync() + string.Join('\n', gateway.Output));
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["answer"]);
        Assert.Contains("ecs.UpdateService(1)", aws.Calls);
        Assert.Contains("elb.DescribeTargetHealth", aws.Calls);
        Assert.Empty(aws.Rejections); // every call carried the role's key id and its signed session token
        Assert.NotEmpty(role.Requests);
        Assert.All(role.Requests, header => Assert.Equal(FakeContainerCredentials.AuthorizationToken, header));
    }
}
