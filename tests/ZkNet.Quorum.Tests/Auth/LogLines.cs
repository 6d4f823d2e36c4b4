using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ZkNet.Quorum.Tests.Auth;

/// <summary>A logger keeping every line (level and text), for tests that check what an operator would read.</summary>
internal sealed class LogLines : ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, string Text)> _lines = new();

    public IReadOnlyList<(LogLevel Level, string Text)> Lines => [.. _lines];

    public string All => string.Join("\n", _lines.Select(l => $"{l.Level}: {l.Text}"));

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _lines.Enqueue((logLevel, formatter(state, exception)));
}
