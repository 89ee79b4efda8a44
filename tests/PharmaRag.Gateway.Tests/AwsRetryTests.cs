using System.Net;
using System.Text;
using PharmaRag.Gateway.Ecs;
using Polly;
using Polly.Timeout;

namespace PharmaRag.Gateway.Tests;

/// <summary>Which failures of an AWS call are tried again: throttling always, the rest only when the call is idempotent.</summary>
public sealed class AwsRetryTests
{
    [Theory]
    [InlineData(429, "", false, true)]
    [InlineData(400, """{"__type":"ThrottlingException","message":"Rate exceeded"}""", false, true)]
    [InlineData(400, """{"__type":"com.amazonaws.ecs#ThrottlingException","message":"Rate exceeded"}""", false, true)]
    [InlineData(400, """<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>""", false, true)]
    [InlineData(503, """<Error><Code>SlowDown</Code></Error>""", false, true)]
    [InlineData(400, """{"__type":"AccessDeniedException","message":"no"}""", true, false)]
    [InlineData(400, """{"__type":"InvalidParameterException"}""", true, false)]
    [InlineData(403, """{"__type":"ThrottlingException"}""", true, false)]
    [InlineData(500, """{"__type":"ServerException"}""", true, true)]
    [InlineData(500, """{"__type":"ServerException"}""", false, false)]
    [InlineData(503, "", true, true)]
    [InlineData(503, "", false, false)]
    [InlineData(200, "{}", true, false)]
    public async Task Classifies_answers(int status, string body, bool idempotent, bool retried)
    {
        using var request = Request(idempotent);
        using var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8), RequestMessage = request };

        Assert.Equal(retried, await AwsRetry.ShouldRetryAsync(request, Outcome.FromResult(response)));
        Assert.Equal(body, await response.Content.ReadAsStringAsync()); // still readable by the client
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task Retries_a_broken_connection_or_attempt_timeout_only_when_idempotent(bool idempotent, bool retried)
    {
        using var request = Request(idempotent);

        Assert.Equal(retried, await AwsRetry.ShouldRetryAsync(request, Outcome.FromException<HttpResponseMessage>(new HttpRequestException("reset"))));
        Assert.Equal(retried, await AwsRetry.ShouldRetryAsync(request, Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException())));
        Assert.False(await AwsRetry.ShouldRetryAsync(request, Outcome.FromException<HttpResponseMessage>(new AwsCredentialsUnavailableException(new Exception()))));
    }

    private static HttpRequestMessage Request(bool idempotent)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "https://ecs.eu-west-1.amazonaws.com/");
        if (idempotent)
        {
            request.Options.Set(AwsRetry.Idempotent, true);
        }
        return request;
    }
}
