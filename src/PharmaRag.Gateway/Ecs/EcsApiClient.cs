using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PharmaRag.Gateway.Hosting;

namespace PharmaRag.Gateway.Ecs;

/// <summary>
/// The few calls of Amazon ECS's JSON API the gateway needs (AWS JSON 1.1 protocol: POST / with
/// X-Amz-Target "AmazonEC2ContainerServiceV20141113.Action"). The HttpClient signs each attempt
/// (<see cref="AwsSigningHandler"/>) and retries throttling and transient failures (<see cref="AwsRetry"/>).
/// </summary>
public sealed class EcsApiClient(HttpClient http, EcsOptions options)
{
    /// <summary>The named HttpClient, with retry and SigV4 signing for the "ecs" service.</summary>
    public const string ClientName = "aws-ecs";

    public const string TargetPrefix = "AmazonEC2ContainerServiceV20141113.";
    public const string ContentType = "application/x-amz-json-1.1";

    private Uri Endpoint => new(options.EcsEndpoint ?? $"https://ecs.{options.Region}.amazonaws.com");

    public async Task<(int Desired, int Running, int Pending)> DescribeServiceAsync(CancellationToken cancellationToken)
    {
        var response = await CallAsync("DescribeServices",
            new JsonObject { ["cluster"] = options.Cluster, ["services"] = new JsonArray(options.Service) }, cancellationToken);
        var service = response["services"]?.AsArray().FirstOrDefault()
            ?? throw new AwsApiException(System.Net.HttpStatusCode.NotFound, "ServiceNotFoundException",
                $"Service {options.Service} was not found in cluster {options.Cluster}.");
        return ((int)service["desiredCount"]!, (int)service["runningCount"]!, (int?)service["pendingCount"] ?? 0);
    }

    public Task UpdateDesiredCountAsync(int desiredCount, CancellationToken cancellationToken) =>
        CallAsync("UpdateService",
            new JsonObject { ["cluster"] = options.Cluster, ["service"] = options.Service, ["desiredCount"] = desiredCount },
            cancellationToken);

    /// <summary>Tasks of the service that ECS wants running, with their last known status.</summary>
    public async Task<IReadOnlyList<(string Arn, string LastStatus)>> DescribeServiceTasksAsync(CancellationToken cancellationToken)
    {
        var listed = await CallAsync("ListTasks",
            new JsonObject { ["cluster"] = options.Cluster, ["serviceName"] = options.Service, ["desiredStatus"] = "RUNNING" },
            cancellationToken);
        var arns = listed["taskArns"]?.AsArray().Select(a => (string)a!).ToArray() ?? [];
        if (arns.Length == 0)
        {
            return [];
        }
        var described = await CallAsync("DescribeTasks",
            new JsonObject { ["cluster"] = options.Cluster, ["tasks"] = new JsonArray(arns.Select(a => (JsonNode)a).ToArray()) },
            cancellationToken);
        return described["tasks"]!.AsArray().Select(t => ((string)t!["taskArn"]!, (string?)t["lastStatus"] ?? "UNKNOWN")).ToArray();
    }

    private async Task<JsonNode> CallAsync(string action, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString())),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", TargetPrefix + action);
        // Every action used here is safe to repeat: three reads, and UpdateService to an absolute desired count.
        request.Options.Set(AwsRetry.Idempotent, true);
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var error = TryParse(text);
            throw new AwsApiException(response.StatusCode, AwsErrorBody.ReadCode(text) ?? "UnknownError",
                (string?)error?["message"] ?? (string?)error?["Message"] ?? text);
        }
        return TryParse(text) ?? new JsonObject();
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
