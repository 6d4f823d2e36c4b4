using Microsoft.Extensions.Logging;

namespace ZkNet.Cli.Commands;

/// <summary>What <c>zknet server</c> itself logs, as named events (the text format shows the name, JSON its "event").</summary>
internal static partial class ServerCommand
{
    [LoggerMessage(Level = LogLevel.Information, EventName = "EnsembleMember", Message = "Starting as a member of an ensemble of {Count} servers ({Participants} voting)")]
    private static partial void LogEnsembleMember(ILogger logger, int count, int participants);

    [LoggerMessage(Level = LogLevel.Warning, EventName = "SingleServerLine", Message = "Invalid configuration, only one server specified (ignoring)")]
    private static partial void LogSingleServerLine(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, EventName = "UnknownConfigKey", Message = "Unknown configuration key {Key} ignored")]
    private static partial void LogUnknownKey(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Information, EventName = "IgnoredConfigKey", Message = "Configuration key {Key} is accepted but has no effect in ZkNet")]
    private static partial void LogIgnoredKey(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Warning, EventName = "ConfigWarning", Message = "Configuration: {Warning}")]
    private static partial void LogConfigWarning(ILogger logger, string warning);

    [LoggerMessage(Level = LogLevel.Critical, EventName = "DatabaseLoadFailed", Message = "Unable to load the database in {DataDir}, exiting: {Message}")]
    private static partial void LogDatabaseLoadFailed(ILogger logger, string dataDir, string message);

    [LoggerMessage(Level = LogLevel.Critical, EventName = "StartFailed", Message = "Unable to start, exiting")]
    private static partial void LogStartFailed(ILogger logger, Exception ex);

    [LoggerMessage(Level = LogLevel.Information, EventName = "ShuttingDown", Message = "Shutting down")]
    private static partial void LogShuttingDown(ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical, EventName = "TxnLogFailed", Message = "Exiting after a fatal txn log failure: {Message}")]
    private static partial void LogTxnLogFailed(ILogger logger, string message);
}
