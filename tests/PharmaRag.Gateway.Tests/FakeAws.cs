using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PharmaRag.Gateway.Tests;

/// <summary>
/// A stand-in for the ECS JSON 1.1 API and the Elastic Load Balancing v2 Query API, speaking
/// their public wire protocols and refusing any request whose SigV4 signature it cannot verify
/// with its own (independently written) verifier. One ECS service scaled between 0 and 1 tasks;
/// a started task is PROVISIONING, then RUNNING, then its target turns healthy. Given a task
/// runner, the task is a real process: started and stopped with the desired count, RUNNING while
/// it lives, and healthy in the target group while its /health answers.
/// </summary>
public sealed class FakeAws : IAsyncDisposable
{
    public const string AccessKeyId = "AKIDFAKEGATEWAYTEST";
    public const string SecretAccessKey = "fake/Secret+Key/For/Gateway/Tests/Only1234";
    public const string Region = "eu-west-1";
    public const string Cluster = "pharma-rag";
    public const string Service = "pharma-rag-server";
    public const string TargetGroupArn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/pharma-rag/abc";

    private readonly WebApplication _app;
    private readonly object _gate = new();
    private int _desired;
    private string? _taskArn;
    private int _taskPolls;

    private readonly IFakeTaskRunner? _tasks;

    private FakeAws(WebApplication app, IFakeTaskRunner? tasks)
    {
        _app = app;
        _tasks = tasks;
    }

    public int DesiredCount
    {
        get
        {
            lock (_gate)
            {
                return _desired;
            }
        }
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>Every accepted call as "Service.Action" (with desired counts for UpdateService).</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    public ConcurrentQueue<string> Rejections { get; } = new();

    /// <summary>ECS actions answered with ThrottlingException, as ECS answers a caller over its rate.</summary>
    public ConcurrentQueue<string> Throttled { get; } = new();

    private int _throttleNext;

    /// <summary>Throttle every ECS call from now on.</summary>
    public bool AlwaysThrottle { get; set; }

    /// <summary>Answer the next <paramref name="count"/> ECS calls with ThrottlingException (400).</summary>
    public void ThrottleNext(int count)
    {
        lock (_gate)
        {
            _throttleNext = count;
        }
    }

    /// <summary>When set, a request must carry (and sign) this session token, as temporary credentials require.</summary>
    public string? RequiredSessionToken { get; set; }

    public static async Task<FakeAws> StartAsync(IFakeTaskRunner? tasks = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var fake = new FakeAws(app, tasks);
        app.MapPost("/", fake.HandleAsync);
        await app.StartAsync();
        fake.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return fake;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var isEcs = target.Length > 0;
        var failure = VerifySignature(context.Request, body, isEcs ? "ecs" : "elasticloadbalancing") ?? VerifySessionToken(context.Request);
        if (failure is not null)
        {
            Rejections.Enqueue(failure);
            await (isEcs ? EcsErrorAsync(context, 403, "InvalidSignatureException", failure) : ElbErrorAsync(context, 403, "SignatureDoesNotMatch", failure));
            return;
        }
        if (isEcs && TakeThrottle())
        {
            Throttled.Enqueue(target.Split('.')[^1]);
            await EcsErrorAsync(context, 400, "ThrottlingException", "Rate exceeded");
            return;
        }
        if (isEcs)
        {
            await HandleEcsAsync(context, target, body);
        }
        else
        {
            await HandleElbAsync(context, Encoding.UTF8.GetString(body));
        }
    }

    private async Task HandleEcsAsync(HttpContext context, string target, byte[] body)
    {
        if (context.Request.ContentType != "application/x-amz-json-1.1")
        {
            await EcsErrorAsync(context, 400, "SerializationException", "Content-Type must be application/x-amz-json-1.1");
            return;
        }
        const string prefix = "AmazonEC2ContainerServiceV20141113.";
        var action = target.StartsWith(prefix, StringComparison.Ordinal) ? target[prefix.Length..] : "";
        var request = JsonNode.Parse(body)!.AsObject();
        if ((string?)request["cluster"] != Cluster)
        {
            await EcsErrorAsync(context, 400, "ClusterNotFoundException", "Cluster not found.");
            return;
        }
        JsonObject response;
        lock (_gate)
        {
            switch (action)
            {
                case "DescribeServices" when request["services"] is JsonArray { Count: 1 } services && (string?)services[0] == Service:
                    response = new JsonObject
                    {
                        ["services"] = new JsonArray(new JsonObject
                        {
                            ["serviceName"] = Service, ["status"] = "ACTIVE", ["desiredCount"] = _desired,
                            ["runningCount"] = IsRunning ? 1 : 0, ["pendingCount"] = _taskArn is not null && !IsRunning ? 1 : 0,
                        }),
                        ["failures"] = new JsonArray(),
                    };
                    break;
                case "UpdateService" when (string?)request["service"] == Service && request["desiredCount"] is JsonValue count:
                    _desired = (int)count;
                    if (_desired > 0 && _taskArn is null)
                    {
                        _taskArn = $"arn:aws:ecs:{Region}:123456789012:task/{Cluster}/{Guid.NewGuid():N}";
                        _taskPolls = 0;
                        _tasks?.Start();
                    }
                    else if (_desired == 0)
                    {
                        _taskArn = null;
                        _tasks?.Stop();
                    }
                    Calls.Enqueue($"ecs.UpdateService({_desired})");
                    response = new JsonObject { ["service"] = new JsonObject { ["serviceName"] = Service, ["desiredCount"] = _desired } };
                    break;
                case "ListTasks" when (string?)request["serviceName"] == Service:
                    response = new JsonObject { ["taskArns"] = _taskArn is null ? new JsonArray() : new JsonArray(_taskArn) };
                    break;
                case "DescribeTasks" when request["tasks"] is JsonArray tasks:
                    response = new JsonObject
                    {
                        ["tasks"] = new JsonArray(tasks.Where(t => (string?)t == _taskArn).Select(t => (JsonNode)new JsonObject
                        {
                            ["taskArn"] = _taskArn, ["lastStatus"] = IsRunning ? "RUNNING" : "PROVISIONING", ["desiredStatus"] = "RUNNING",
                        }).ToArray()),
                        ["failures"] = new JsonArray(),
                    };
                    break;
                default:
                    response = null!;
                    break;
            }
        }
        if (response is null)
        {
            await EcsErrorAsync(context, 400, "InvalidParameterException", $"Unsupported or malformed call {target}.");
            return;
        }
        if (action != "UpdateService")
        {
            Calls.Enqueue($"ecs.{action}");
        }
        context.Response.ContentType = "application/x-amz-json-1.1";
        await context.Response.WriteAsync(response.ToJsonString());
    }

    private bool IsRunning => _taskArn is not null && (_tasks?.IsAlive ?? _taskPolls >= 2);

    private async Task HandleElbAsync(HttpContext context, string body)
    {
        var form = body.Split('&').Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));
        if (!context.Request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal)
            || form.GetValueOrDefault("Action") != "DescribeTargetHealth" || form.GetValueOrDefault("Version") != "2015-12-01")
        {
            await ElbErrorAsync(context, 400, "InvalidAction", "Unsupported action or version.");
            return;
        }
        if (form.GetValueOrDefault("TargetGroupArn") != TargetGroupArn)
        {
            await ElbErrorAsync(context, 400, "TargetGroupNotFound", "Target group not found.");
            return;
        }
        string state;
        lock (_gate)
        {
            if (_taskArn is not null)
            {
                _taskPolls++;
            }
            state = _taskArn is null ? "" : IsRunning && _taskPolls >= 3 ? "healthy" : "initial";
        }
        if (_tasks is not null && state.Length > 0)
        {
            state = await _tasks.IsHealthyAsync() ? "healthy" : "initial";
        }
        Calls.Enqueue("elb.DescribeTargetHealth");
        var members = state.Length == 0 ? "" :
            $"<member><Target><Id>10.0.1.17</Id><Port>8000</Port></Target><HealthCheckPort>8000</HealthCheckPort><TargetHealth><State>{state}</State></TargetHealth></member>";
        context.Response.ContentType = "text/xml";
        await context.Response.WriteAsync(
            $"""<DescribeTargetHealthResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/"><DescribeTargetHealthResult><TargetHealthDescriptions>{members}</TargetHealthDescriptions></DescribeTargetHealthResult><ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata></DescribeTargetHealthResponse>""");
    }

    private bool TakeThrottle()
    {
        lock (_gate)
        {
            if (AlwaysThrottle)
            {
                return true;
            }
            if (_throttleNext > 0)
            {
                _throttleNext--;
                return true;
            }
            return false;
        }
    }

    private string? VerifySessionToken(HttpRequest request)
    {
        if (RequiredSessionToken is null)
        {
            return null;
        }
        var signed = request.Headers.Authorization.ToString().Split("SignedHeaders=", 2).ElementAtOrDefault(1)?.Split(',')[0].Split(';') ?? [];
        return request.Headers["x-amz-security-token"].ToString() == RequiredSessionToken && signed.Contains("x-amz-security-token")
            ? null
            : "The security token included in the request is invalid.";
    }

    // SigV4 verification, written from the protocol description rather than shared with the client.
    private static string? VerifySignature(HttpRequest request, byte[] body, string service)
    {
        var authorization = request.Headers.Authorization.ToString();
        const string algorithm = "AWS4-HMAC-SHA256 ";
        if (!authorization.StartsWith(algorithm, StringComparison.Ordinal))
        {
            return "missing or non-SigV4 Authorization header";
        }
        var parts = authorization[algorithm.Length..].Split(", ").Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var credential = parts["Credential"].Split('/');
        if (credential.Length != 5 || credential[0] != AccessKeyId)
        {
            return "unknown access key";
        }
        var amzDate = request.Headers["x-amz-date"].ToString();
        if (!DateTime.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedAt)
            || Math.Abs((DateTime.UtcNow - signedAt).TotalMinutes) > 5)
        {
            return "x-amz-date missing or more than 5 minutes off";
        }
        if (credential[1] != amzDate[..8] || credential[2] != Region || credential[3] != service || credential[4] != "aws4_request")
        {
            return $"bad credential scope {parts["Credential"]}";
        }
        var signedHeaders = parts["SignedHeaders"].Split(';');
        var required = service == "ecs" ? new[] { "host", "x-amz-date", "x-amz-target" } : ["host", "x-amz-date"];
        if (required.Except(signedHeaders).Any())
        {
            return "required headers are not signed";
        }
        var canonicalHeaders = new StringBuilder();
        foreach (var name in signedHeaders)
        {
            canonicalHeaders.Append(name).Append(':').Append(request.Headers[name].ToString().Trim()).Append('\n');
        }
        var canonical = $"{request.Method}\n{request.Path.Value}\n{request.QueryString.Value?.TrimStart('?')}\n{canonicalHeaders}\n{parts["SignedHeaders"]}\n{Hex(SHA256.HashData(body))}";
        var scope = string.Join('/', credential[1..]);
        var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + SecretAccessKey);
        foreach (var step in new[] { credential[1], credential[2], credential[3], "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(step));
        }
        var expected = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(toSign)));
        return expected == parts["Signature"] ? null : "The request signature we calculated does not match the signature you provided.";
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    private static async Task EcsErrorAsync(HttpContext context, int status, string type, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.1";
        await context.Response.WriteAsync(new JsonObject { ["__type"] = type, ["message"] = message }.ToJsonString());
    }

    private static async Task ElbErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml";
        await context.Response.WriteAsync(
            $"""<ErrorResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/"><Error><Type>Sender</Type><Code>{code}</Code><Message>{System.Security.SecurityElement.Escape(message)}</Message></Error><RequestId>{Guid.NewGuid()}</RequestId></ErrorResponse>""");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
