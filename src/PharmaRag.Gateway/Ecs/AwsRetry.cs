using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace PharmaRag.Gateway.Ecs;

/// <summary>
/// Retry for the gateway's AWS calls (Microsoft.Extensions.Http.Resilience), on the host's
/// TimeProvider. Throttling (429, or a ThrottlingException-style code in a 400/503 answer) means
/// AWS refused the call before running it, so any call is tried again. A 5xx, a broken connection
/// or an attempt timeout may come after the call ran, so only calls marked idempotent are.
/// </summary>
public static class AwsRetry
{
    public const int MaxRetryAttempts = 3;

    /// <summary>Set on a request whose repetition has the same effect as one call (reads, UpdateService to a count).</summary>
    public static readonly HttpRequestOptionsKey<bool> Idempotent = new("PharmaRag.Aws.Idempotent");

    /// <summary>Adds the retry; handlers added after it (the signer) run once per attempt.</summary>
    public static IHttpClientBuilder AddAwsRetry(this IHttpClientBuilder builder)
    {
        builder.AddResilienceHandler("aws-retry", (pipeline, context) =>
        {
            pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                MaxDelay = TimeSpan.FromSeconds(10),
                ShouldHandle = args => ShouldRetryAsync(args.Context.GetRequestMessage(), args.Outcome),
            });
            pipeline.AddTimeout(TimeSpan.FromSeconds(30)); // per attempt: a hung connection is a transient failure
        });
        return builder;
    }

    public static async ValueTask<bool> ShouldRetryAsync(HttpRequestMessage? request, Outcome<HttpResponseMessage> outcome)
    {
        var idempotent = request is not null && request.Options.TryGetValue(Idempotent, out var marked) && marked;
        if (outcome.Exception is { } error)
        {
            return idempotent && error is HttpRequestException or TimeoutRejectedException;
        }
        var response = outcome.Result!;
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return true;
        }
        var status = (int)response.StatusCode;
        if (status == 400 || status >= 500)
        {
            await response.Content.LoadIntoBufferAsync();
            if (AwsErrorBody.ReadCode(await response.Content.ReadAsStringAsync()) is { } code && AwsErrorCodes.IsThrottling(code))
            {
                return true;
            }
        }
        return status >= 500 && idempotent;
    }
}
