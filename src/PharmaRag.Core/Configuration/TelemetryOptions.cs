using System.ComponentModel.DataAnnotations;

namespace PharmaRag.Core.Configuration;

/// <summary>Settings of telemetry (section PharmaRag:Telemetry). Nothing is exported unless an endpoint is set.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "PharmaRag:Telemetry";

    /// <summary>
    /// Base URL of an OpenTelemetry collector taking OTLP over HTTP (protobuf), e.g.
    /// http://127.0.0.1:4318. The standard OTEL_EXPORTER_OTLP_ENDPOINT (and OTEL_EXPORTER_OTLP_PROTOCOL)
    /// variables work too when this is not set.
    /// </summary>
    [Url]
    public string? OtlpEndpoint { get; set; }

    /// <summary>
    /// Whether model-call spans carry the prompts and replies (document text and questions):
    /// off by default, as they would leave the deployment with the traces.
    /// </summary>
    public bool RecordModelContent { get; set; }
}
