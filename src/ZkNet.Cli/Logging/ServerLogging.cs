using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace ZkNet.Cli.Logging;

/// <summary>
/// How <c>zknet server</c> logs: the level (<c>--log-level</c>, else ZKNET_LOG_LEVEL, else information) and the format
/// (<c>--log-format</c>, else ZKNET_LOG_FORMAT, else text): text lines naming each event, JSON lines for log
/// shippers, or systemd's journal prefixes.
/// </summary>
internal sealed record ServerLogging(LogLevel Level, string Format)
{
    public const string LevelEnvironment = "ZKNET_LOG_LEVEL";
    public const string FormatEnvironment = "ZKNET_LOG_FORMAT";

    private static readonly string[] Formats = ["text", "json", "systemd"];

    /// <summary>The settings from the options given (null: not given) and the environment; an error message for a bad value.</summary>
    public static (ServerLogging? Logging, string? Error) From(string? level, string? format)
    {
        var levelText = level ?? Environment.GetEnvironmentVariable(LevelEnvironment);
        var formatText = format ?? Environment.GetEnvironmentVariable(FormatEnvironment);
        var levelSource = level is not null ? "--log-level" : LevelEnvironment;
        var formatSource = format is not null ? "--log-format" : FormatEnvironment;
        var parsed = LogLevel.Information;
        if (!string.IsNullOrEmpty(levelText) && !TryParseLevel(levelText, out parsed))
        {
            return (null, $"{levelSource} must be one of trace, debug, information, warning, error, critical, none; not '{levelText}'");
        }
        formatText = string.IsNullOrEmpty(formatText) ? "text" : formatText.ToLowerInvariant();
        if (!Formats.Contains(formatText))
        {
            return (null, $"{formatSource} must be one of text, json, systemd; not '{formatText}'");
        }
        return (new ServerLogging(parsed, formatText), null);
    }

    public ILoggerFactory CreateFactory() => LoggerFactory.Create(builder =>
    {
        builder.SetMinimumLevel(Level);
        switch (Format)
        {
            case "json":
                builder.AddConsole(o => o.FormatterName = JsonLinesFormatter.FormatterName)
                    .AddConsoleFormatter<JsonLinesFormatter, ConsoleFormatterOptions>();
                break;
            case "systemd":
                // The journal adds its own time stamps; systemd's format marks each line's priority (<6> ...).
                builder.AddSystemdConsole();
                break;
            default:
                builder.AddConsole(o => o.FormatterName = NamedEventFormatter.FormatterName)
                    .AddConsoleFormatter<NamedEventFormatter, ConsoleFormatterOptions>();
                break;
        }
    });

    private static bool TryParseLevel(string text, out LogLevel level)
    {
        level = text.ToLowerInvariant() switch
        {
            "trace" => LogLevel.Trace,
            "debug" => LogLevel.Debug,
            "information" or "info" => LogLevel.Information,
            "warning" or "warn" => LogLevel.Warning,
            "error" => LogLevel.Error,
            "critical" or "fatal" => LogLevel.Critical,
            "none" or "off" => LogLevel.None,
            _ => (LogLevel)(-1),
        };
        return level >= 0;
    }
}
