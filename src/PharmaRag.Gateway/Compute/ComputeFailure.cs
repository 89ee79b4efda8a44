using PharmaRag.Gateway.Ecs;

namespace PharmaRag.Gateway.Compute;

/// <summary>
/// Words for a client about why compute is unavailable, from the kind of failure only: exception
/// messages (which can name hosts, ARNs or paths) go to the gateway's log, never to a client.
/// </summary>
public static class ComputeFailure
{
    public static string Describe(Exception error) => error switch
    {
        AwsApiException { IsThrottling: true } aws =>
            $"the AWS API throttled the gateway ({aws.Code}) through {AwsRetry.MaxRetryAttempts + 1} attempts; try again shortly",
        AwsApiException { Status: >= System.Net.HttpStatusCode.InternalServerError } aws =>
            $"the AWS API failed with {aws.Code} ({(int)aws.Status}) through {AwsRetry.MaxRetryAttempts + 1} attempts; try again shortly",
        AwsCredentialsUnavailableException =>
            "the gateway found no AWS credentials (settings, environment, profile, container task role or instance profile); the gateway's log has the details",
        AwsApiException aws => $"the AWS API refused the call with {aws.Code} ({(int)aws.Status}); check the gateway's credentials, permissions and PharmaRag:Gateway:Ecs settings",
        TimeoutException => "compute did not become healthy within PharmaRag:Gateway:StartTimeoutSeconds; try again shortly",
        HttpRequestException => "compute's control plane could not be reached; try again shortly",
        InvalidOperationException => "the gateway's compute settings are incomplete; the gateway's log names the missing setting",
        _ => "compute failed to start; the gateway's log has the cause",
    };
}
