using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace ZkNet.Cli.Logging;

/// <summary>
/// One line per entry: UTC time, level, the event's name (the source-generated id is a hash that tells an operator
/// nothing), the category without its namespace, the message, and the exception's first line when there is one.
/// </summary>
internal sealed class NamedEventFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "zknet";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        var category = logEntry.Category[(logEntry.Category.LastIndexOf('.') + 1)..];
        var name = string.IsNullOrEmpty(logEntry.EventId.Name) ? "" : $" [{logEntry.EventId.Name}]";
        textWriter.Write($"{DateTime.UtcNow:yyyy-MM-dd HH:mm:ss.fff} {Level(logEntry.LogLevel)} {category}{name}: {message}");
        if (logEntry.Exception is { } ex)
        {
            textWriter.Write($" ({ex.GetType().Name}: {ex.Message})");
        }
        textWriter.WriteLine();
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO ",
        LogLevel.Warning => "WARN ",
        LogLevel.Error => "ERROR",
        _ => "FATAL",
    };
}
