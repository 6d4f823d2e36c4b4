using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using ZkNet.Hosting;
using ZkNet.Hosting.Configuration;

namespace ZkNet.Cli.Commands;

/// <summary><c>zknet server [--config zoo.cfg]</c>: runs a server until Ctrl-C or SIGTERM.</summary>
internal static class ServerCommand
{
    /// <summary>
    /// Without a zoo.cfg: loopback only, and the AdminServer (with the console) on 127.0.0.1:8080 like ZooKeeper's
    /// default port; if 8080 is taken the server logs it and serves clients anyway.
    /// </summary>
    private static readonly ServerConfig QuickStart = new() { Admin = new ZkNet.Admin.AdminServerOptions { Enabled = true, Address = "127.0.0.1" } };

    public static async Task<int> RunAsync(string[] args)
    {
        string? configPath = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--config" or "-c" && i + 1 < args.Length)
            {
                configPath = args[++i];
            }
            else if (i == 0 && !args[i].StartsWith('-'))
            {
                // zkServer.sh style: the config file as the only argument.
                configPath = args[i];
            }
            else
            {
                await Console.Error.WriteLineAsync($"zknet server: unexpected argument '{args[i]}'").ConfigureAwait(false);
                return 2;
            }
        }
        using var loggerFactory = LoggerFactory.Create(builder => builder
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff ";
            })
            .SetMinimumLevel(LogLevel.Information));
        var logger = loggerFactory.CreateLogger("zknet");
        ServerConfig config;
        try
        {
            config = configPath is null ? QuickStart : ZooCfgParser.Load(configPath);
        }
        catch (ConfigException ex)
        {
            await Console.Error.WriteLineAsync($"zknet server: invalid config {configPath}: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
        EnsembleConfig ensemble;
        try
        {
            ensemble = EnsembleConfig.Read(config);
        }
        catch (ConfigException ex)
        {
            await Console.Error.WriteLineAsync($"zknet server: invalid config {configPath}: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
        if (ensemble.IsDistributed)
        {
            // Members of one ensemble that each ran standalone would accept writes independently and silently
            // diverge; refusing is the only safe answer until ZkNet's replicated mode is wired to the server.
            await Console.Error.WriteLineAsync(
                $"zknet server: {configPath} configures a replicated ensemble ({ensemble.Participants} voting members in its server.N lines" +
                (ensemble.StandaloneEnabled ? "" : ", standaloneEnabled=false") +
                "); this ZkNet build does not yet run as a member of an ensemble and will not start standalone in its place. " +
                "Remove the server.N lines to run one standalone server (docs/ensemble.md).").ConfigureAwait(false);
            return 2;
        }
        if (ensemble.Servers.Count == 1)
        {
            logger.LogWarning("Invalid configuration, only one server specified (ignoring)");
        }
        foreach (var key in config.UnknownKeys)
        {
            logger.LogWarning("Unknown configuration key {Key} ignored", key);
        }
        foreach (var key in config.IgnoredKeys.Where(k => !k.StartsWith("server.", StringComparison.Ordinal)))
        {
            logger.LogInformation("Configuration key {Key} is accepted but has no effect in ZkNet", key);
        }
        foreach (var warning in config.Warnings)
        {
            logger.LogWarning("Configuration: {Warning}", warning);
        }
        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => { ctx.Cancel = true; stop.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; stop.Cancel(); });
        ZkNetServer server;
        try
        {
            server = await ZkNetServer.StartAsync(config, loggerFactory, stop.Token).ConfigureAwait(false);
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            logger.LogCritical("Cannot bind {Address}:{Port}: {Message}", config.ClientPortAddress, config.ClientPort, ex.Message);
            return 1;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // A corrupt log, no valid snapshot, logs without a snapshot, an unwritable data directory: refuse to
            // start rather than serve a state that may have lost acknowledged writes (ZooKeeper exits the same way).
            logger.LogCritical("Unable to load the database in {DataDir}, exiting: {Message}", config.DataDir, ex.Message);
            return 1;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Anything else at startup is a bug, but it still ends in a clean, logged exit with a non-zero code.
            logger.LogCritical(ex, "Unable to start, exiting");
            return 1;
        }
        await using (server.ConfigureAwait(false))
        {
            await Task.WhenAny(server.Completion, Task.Delay(Timeout.Infinite, stop.Token)).ConfigureAwait(false);
            logger.LogInformation("Shutting down");
        }
        if (server.Fault is { } fault)
        {
            // A failed log write or sync stopped the server: exit non-zero so a supervisor notices and restarts it.
            logger.LogCritical("Exiting after a fatal txn log failure: {Message}", fault.Message);
            return 1;
        }
        return 0;
    }
}
