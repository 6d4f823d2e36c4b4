using Microsoft.Extensions.Logging;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// A logger factory keeping every line its loggers write, which a test can await (a line is an event: the member did
/// something), each wait bounded.
/// </summary>
internal sealed class LogCapture : ILoggerFactory
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _waiters = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Completes with the first line (already written or to come) that <paramref name="match"/> accepts.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }
            _waiters.Add((match, seen));
        }
        try
        {
            return await seen.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no such log line within {timeout}; the log:\n{string.Join("\n", Lines.TakeLast(60))}");
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private void Add(string line)
    {
        List<TaskCompletionSource<string>> matched;
        lock (_gate)
        {
            _lines.Add(line);
            matched = [.. _waiters.Where(w => w.Match(line)).Select(w => w.Seen)];
            _waiters.RemoveAll(w => matched.Contains(w.Seen));
        }
        foreach (var seen in matched)
        {
            seen.TrySetResult(line);
        }
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                capture.Add($"{logLevel} {category}: {formatter(state, exception)}");
            }
        }
    }
}
