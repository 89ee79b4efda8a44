using System.Xml.Linq;
using PharmaRag.Gateway.Hosting;

namespace PharmaRag.Gateway.Ecs;

/// <summary>
/// Elastic Load Balancing v2's DescribeTargetHealth (AWS Query protocol: form-encoded POST,
/// XML answer), signed with SigV4: compute takes traffic once a target is healthy.
/// </summary>
public sealed class ElbApiClient(HttpClient http, AwsSigV4Signer signer, EcsOptions options)
{
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
        await signer.SignAsync(request, options.Region, "elasticloadbalancing", cancellationToken);
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
