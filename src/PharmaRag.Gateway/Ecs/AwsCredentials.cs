using PharmaRag.Gateway.Hosting;

namespace PharmaRag.Gateway.Ecs;

/// <summary>AWS credentials: from settings, else from the standard environment variables (as Lambda provides them).</summary>
public sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken)
{
    public static AwsCredentials Resolve(EcsOptions options)
    {
        var accessKey = options.AccessKeyId ?? Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID");
        var secret = options.SecretAccessKey ?? Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY");
        if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secret))
        {
            throw new InvalidOperationException(
                "ecs compute needs credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or PharmaRag:Gateway:Ecs:AccessKeyId and SecretAccessKey.");
        }
        return new AwsCredentials(accessKey, secret, options.SessionToken ?? Environment.GetEnvironmentVariable("AWS_SESSION_TOKEN"));
    }
}
