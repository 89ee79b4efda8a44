namespace PharmaRag.Bench.Datasets;

/// <summary>The benchmark input is missing or not in the expected format; the message says which file and why.</summary>
public sealed class BenchDataException(string message, Exception? inner = null) : Exception(message, inner);
