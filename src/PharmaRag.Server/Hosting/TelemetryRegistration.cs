using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Diagnostics;

namespace PharmaRag.Server.Hosting;

/// <summary>
/// OpenTelemetry for every HTTP application: traces of HTTP requests, ingestion steps and model
/// calls, and metrics (queue depth, pages, query latency, HTTP), exported over OTLP only when a
/// collector is configured: PharmaRag:Telemetry:OtlpEndpoint (OTLP/HTTP), or the standard
/// OTEL_EXPORTER_OTLP_ENDPOINT with its companion variables. Nothing is collected by default.
/// </summary>
public static class TelemetryRegistration
{
    public const string StandardEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddPharmaRagTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var endpoint = configuration[$"{TelemetryOptions.Section}:{nameof(TelemetryOptions.OtlpEndpoint)}"];
        var standard = configuration[StandardEndpoint];
        if (string.IsNullOrWhiteSpace(endpoint) && string.IsNullOrWhiteSpace(standard))
        {
            return services;
        }
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? serviceName))
            .WithTracing(tracing => tracing
                .AddSource(PharmaRagTelemetry.Name, PharmaRagTelemetry.ModelsSource)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(PharmaRagTelemetry.Name, PharmaRagTelemetry.ModelsSource)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation());
        // A malformed endpoint is refused by TelemetryOptions' validation before this is used.
        if (!string.IsNullOrWhiteSpace(endpoint) && Uri.TryCreate(endpoint, UriKind.Absolute, out var baseUrl))
        {
            telemetry.UseOtlpExporter(OtlpExportProtocol.HttpProtobuf, baseUrl);
        }
        else
        {
            telemetry.UseOtlpExporter();
        }
        return services;
    }
}
