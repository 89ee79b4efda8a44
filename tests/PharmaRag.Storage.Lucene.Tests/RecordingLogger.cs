using Microsoft.Extensions.Logging;

namespace PharmaRag.Storage.Lucene.Tests;

/// <summary>Keeps every log entry (level, message and structured values) for assertions.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    public List<(LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, object?>> Values)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Add((logLevel, formatter(state, exception),
            state as IReadOnlyList<KeyValuePair<string, object?>> ?? []));
}
