namespace PharmaRag.Gateway.Ecs;

/// <summary>AWS credentials; from the standard environment variables (as Lambda provides them).</summary>
public sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken)
{
    public static AwsCredentials FromEnvironment() =>
        new(Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID")
                ?? throw new InvalidOperationException("ecs compute needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY."),
            Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY")
                ?? throw new InvalidOperationException("ecs compute needs AWS_SECRET_ACCESS_KEY."),
            Environment.GetEnvironmentVariable("AWS_SESSION_TOKEN"));
}
