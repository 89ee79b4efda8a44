using System.Text.Json.Nodes;

namespace PharmaRag.Models.Tests.Fakes;

/// <summary>A request the fake server received, with when, and the status it answered.</summary>
public sealed record RecordedCall(string Path, DateTimeOffset At, JsonObject Body, string? Authorization, int Status);
