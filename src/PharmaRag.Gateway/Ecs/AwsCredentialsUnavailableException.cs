namespace PharmaRag.Gateway.Ecs;

/// <summary>Neither the settings nor any source of the SDK's default chain gave credentials.</summary>
public sealed class AwsCredentialsUnavailableException(Exception inner)
    : Exception("No AWS credentials: none in PharmaRag:Gateway:Ecs settings and none from the SDK's default chain.", inner);
