using PharmaRag.Gateway.Compute;

namespace PharmaRag.Gateway.Endpoints;

/// <summary>The original's gateway health shape, plus what the compute controller is doing.</summary>
public sealed record GatewayHealthResponse(string Status, string Service, string Version, ComputeStatus EcsTasks, ComputeInfo Compute);

/// <summary>Compute mode, state, address, starts since the gateway started, requests in flight, idle timeout.</summary>
public sealed record ComputeInfo(string Mode, string State, string? Address, int Starts, int InFlight, double? IdleTimeoutSeconds);

/// <summary>A query that is still waiting for compute.</summary>
public sealed record QueryAccepted(string QueryId, string StatusUrl, string Status);
