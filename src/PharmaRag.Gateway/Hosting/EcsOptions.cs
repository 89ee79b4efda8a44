namespace PharmaRag.Gateway.Hosting;

/// <summary>Where the ECS service of the server lives (section PharmaRag:Gateway:Ecs).</summary>
public sealed class EcsOptions
{
    public string Region { get; set; } = "us-east-1";
    public string? Cluster { get; set; }
    public string? Service { get; set; }

    /// <summary>The ALB target group whose health says when compute can take traffic.</summary>
    public string? TargetGroupArn { get; set; }

    /// <summary>The address requests are forwarded to (the ALB), for example http://internal-alb:8000.</summary>
    public string? ServerUrl { get; set; }

    /// <summary>ECS API endpoint; default https://ecs.REGION.amazonaws.com.</summary>
    public string? EcsEndpoint { get; set; }

    /// <summary>Elastic Load Balancing API endpoint; default https://elasticloadbalancing.REGION.amazonaws.com.</summary>
    public string? ElbEndpoint { get; set; }

    public double PollSeconds { get; set; } = 2;

    /// <summary>Credentials; when unset, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN.</summary>
    public string? AccessKeyId { get; set; }
    public string? SecretAccessKey { get; set; }
    public string? SessionToken { get; set; }
}
