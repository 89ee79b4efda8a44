namespace PharmaRag.Gateway.Ecs;

/// <summary>AWS's error codes for a refused-before-running call that can be tried again later.</summary>
public static class AwsErrorCodes
{
    // The throttling codes the AWS SDKs retry (JSON "__type" or Query/XML "Code").
    private static readonly HashSet<string> Throttling = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    };

    public static bool IsThrottling(string code) => Throttling.Contains(code);
}
