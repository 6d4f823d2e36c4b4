using System.CommandLine;
using System.Runtime.InteropServices;
using ZkNet.Cli.CommandLine;
using Microsoft.Extensions.Logging;
using ZkNet.Cli.Logging;
using ZkNet.Hosting;
using ZkNet.Hosting.Configuration;

namespace ZkNet.Cli.Commands;

/// <summary>
/// <c>zknet server [--config zoo.cfg] [--log-level LEVEL] [--log-format text|json|systemd]</c>: runs a server until
/// Ctrl-C or SIGTERM.
/// </summary>
internal static partial class ServerCommand
{
    /// <summary>
    /// Without a zoo.cfg: loopback only, and the AdminServer (with the console) on 127.0.0.1:8080 like ZooKeeper's
    /// default port; if 8080 is taken the server logs it and serves clients anyway.
    /// </summary>
    private static readonly ServerConfig QuickStart = new() { Admin = new ZkNet.Admin.AdminServerOptions { Enabled = true, Address = "127.0.0.1" } };

    /// <summary>The verb in the command tree: the config as --config/-c or, zkServer.sh style, as the only argument.</summary>
    public static Command Create()
    {
        var configOption = VerbOptions.Value("--config", "a file: the zoo.cfg to run with", "-c");
        var configArgument = new Argument<string?>("zoo.cfg") { Arity = ArgumentArity.ZeroOrOne }.NoOptions();
        var logLevel = VerbOptions.Value("--log-level", "a level").Completing("trace", "debug", "information", "warning", "error", "critical", "none");
        var logFormat = VerbOptions.Value("--log-format", "a format").Completing("text", "json", "systemd");
        var server = new Verb("server", errorUsage: null) { configArgument, configOption, logLevel, logFormat };
        server.Validators.Add(result =>
        {
            if (result.GetResult(configOption) is not null && result.GetResult(configArgument) is { Tokens: [{ } extra] })
            {
                result.AddError($"unexpected argument '{extra.Value}'");
            }
        });
        // The log options' values are checked with ZKNET_LOG_LEVEL's and ZKNET_LOG_FORMAT's, by ServerLogging.
        server.SetAction((r, _) => RunAsync(r.GetValue(configOption) ?? r.GetValue(configArgument), r.GetValue(logLevel), r.GetValue(logFormat)));
        return server;
    }

    private static async Task<int> RunAsync(string? configPath, string? logLevel, string? logFormat)
    {
        var (logging, loggingError) = ServerLogging.From(logLevel, logFormat);
        if (logging is null)
        {
            await Console.Error.WriteLineAsync("zknet server: " + loggingError).ConfigureAwait(false);
            return 2;
        }
        using var loggerFactory = logging.CreateFactory();
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
            LogEnsembleMember(logger, ensemble.Servers.Count, ensemble.Participants);
        }
        if (ensemble.Servers.Count == 1)
        {
            LogSingleServerLine(logger);
        }
        foreach (var key in config.UnknownKeys)
        {
            LogUnknownKey(logger, key);
        }
        // An ensemble member uses its timing and membership keys (the standalone catalogue lists them as ignored).
        string[] memberKeys = ensemble.IsDistributed ? ["initLimit", "syncLimit", "cnxTimeout", "peerType"] : [];
        foreach (var key in config.IgnoredKeys.Where(k => !EnsembleConfig.IsQuorumKey(k) && !memberKeys.Contains(k)))
        {
            LogIgnoredKey(logger, key);
        }
        foreach (var warning in config.Warnings)
        {
            LogConfigWarning(logger, warning);
        }
        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => { ctx.Cancel = true; stop.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; stop.Cancel(); });
        ZkNetServer server;
        try
        {
            server = await ZkNetServer.StartAsync(config, loggerFactory, stop.Token).ConfigureAwait(false);
        }
        catch (ConfigException ex)
        {
            await Console.Error.WriteLineAsync($"zknet server: invalid config {configPath}: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (ZkNet.Hosting.Startup.StartupException ex)
        {
            // Already one line naming the directory or port and the fix; nothing was written.
            await Console.Error.WriteLineAsync("zknet server: " + ex.Message).ConfigureAwait(false);
            return 1;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // A corrupt log, no valid snapshot, logs without a snapshot, an unwritable data directory: refuse to
            // start rather than serve a state that may have lost acknowledged writes (ZooKeeper exits the same way).
            LogDatabaseLoadFailed(logger, config.DataDir, ex.Message);
            return 1;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Anything else at startup is a bug, but it still ends in a clean, logged exit with a non-zero code.
            LogStartFailed(logger, ex);
            return 1;
        }
        // Ports bound, database loaded, accept loop running (an ensemble member has joined the election: waiting here
        // for a quorum would hold a booting machine's first member until the start timeout killed it).
        var systemd = SystemdNotify.FromEnvironment();
        systemd.Ready($"serving clients on {server.ConnectString}");
        await using (server.ConfigureAwait(false))
        {
            await Task.WhenAny(server.Completion, Task.Delay(Timeout.Infinite, stop.Token)).ConfigureAwait(false);
            systemd.Stopping();
            LogShuttingDown(logger);
        }
        if (server.Fault is { } fault)
        {
            // A failed log write or sync stopped the server: exit non-zero so a supervisor notices and restarts it.
            LogTxnLogFailed(logger, fault.Message);
            return 1;
        }
        return 0;
    }
}
