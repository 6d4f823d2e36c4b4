using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace ZkNet.Cli.Logging;

/// <summary>
/// One JSON document per line for log shippers: time (UTC, ISO 8601), level, category, event (the event's name;
/// the built-in JSON formatter carries only the numeric id), message, each named value of the message, and the
/// exception when there is one.
/// </summary>
internal sealed class JsonLinesFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "zknet-json";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("time", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            json.WriteString("level", logEntry.LogLevel.ToString());
            json.WriteString("category", logEntry.Category);
            json.WriteString("event", logEntry.EventId.Name ?? logEntry.EventId.Id.ToString(CultureInfo.InvariantCulture));
            json.WriteString("message", logEntry.Formatter(logEntry.State, logEntry.Exception));
            if (logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    if (key != "{OriginalFormat}")
                    {
                        json.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture));
                    }
                }
            }
            if (logEntry.Exception is { } ex)
            {
                json.WriteString("exception", ex.ToString());
            }
            json.WriteEndObject();
        }
        textWriter.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }
}
