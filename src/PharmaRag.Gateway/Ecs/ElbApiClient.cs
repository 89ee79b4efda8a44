using System.Xml.Linq;
using PharmaRag.Gateway.Hosting;

namespace PharmaRag.Gateway.Ecs;

/// <summary>
/// Elastic Load Balancing v2's DescribeTargetHealth (AWS Query protocol: form-encoded POST,
/// XML answer): compute takes traffic once a target is healthy. The HttpClient signs each attempt
/// and retries throttling and transient failures, as for <see cref="EcsApiClient"/>.
/// </summary>
public sealed class ElbApiClient(HttpClient http, EcsOptions options)
{
    /// <summary>The named HttpClient, with retry and SigV4 signing for the "elasticloadbalancing" service.</summary>
    public const string ClientName = "aws-elb";

    public const string ApiVersion = "2015-12-01";

    private Uri Endpoint => new(options.ElbEndpoint ?? $"https://elasticloadbalancing.{options.Region}.amazonaws.com");

    public async Task<int> CountHealthyTargetsAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Action"] = "DescribeTargetHealth",
                ["Version"] = ApiVersion,
                ["TargetGroupArn"] = options.TargetGroupArn ?? throw new InvalidOperationException("PharmaRag:Gateway:Ecs:TargetGroupArn is not set."),
            }),
        };
        request.Options.Set(AwsRetry.Idempotent, true); // a read
        using var response = await http.SendAsync(request, cancellationToken);
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        if (!response.IsSuccessStatusCode)
        {
            var error = document.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
            throw new AwsApiException(response.StatusCode,
                error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value ?? "UnknownError",
                error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value ?? "");
        }
        return document.Descendants()
            .Where(e => e.Name.LocalName == "TargetHealth")
            .Count(e => e.Elements().Any(s => s.Name.LocalName == "State" && s.Value == "healthy"));
    }
}
