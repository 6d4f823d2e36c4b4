using System.Diagnostics;
using ZkNet.Client;
using ZkNet.Recipes.Leader;
using ZkNet.Recipes.Locks;

namespace ZkNet.Cli.Coordination;

/// <summary>
/// <c>zknet lock</c> and <c>zknet elect</c>, like etcdctl's lock and elect: run a command while holding the mutex at a
/// path (Curator's InterProcessMutex layout, so Curator processes exclude it too) or while leading the election at a
/// path (Curator's LeaderLatch layout). The command's exit code passes through; the lock or leadership is released
/// when it ends; if the session is lost (or the leadership taken away) first, the command is killed and zknet exits
/// with <see cref="LostExitCode"/>.
/// </summary>
internal static class CoordinatedCommand
{
    /// <summary>The exit code when the lock or leadership was lost while the command ran.</summary>
    public const int LostExitCode = 75;

    /// <summary>The exit code for a usage error.</summary>
    public const int UsageExitCode = 2;

    /// <summary>Runs <c>zknet lock</c> (<paramref name="elect"/> false) or <c>zknet elect</c> with the arguments after the verb.</summary>
    public static async Task<int> RunAsync(string[] args, bool elect, TextWriter? error = null)
    {
        error ??= Console.Error;
        var verb = elect ? "elect" : "lock";
        if (!TryParse(args, out var server, out var path, out var sessionTimeout, out var command, out var problem))
        {
            await error.WriteLineAsync($"zknet {verb}: {problem}\nusage: zknet {verb} [--server HOST:PORT] [--session-timeout SECONDS] PATH -- COMMAND [ARGS...]")
                .ConfigureAwait(false);
            return UsageExitCode;
        }
        await using var zk = await ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions
        {
            ConnectString = server,
            SessionTimeout = sessionTimeout,
        }).ConfigureAwait(false);
        if (elect)
        {
            await using var latch = new LeaderLatch(zk, path, Environment.MachineName + ":" + Environment.ProcessId);
            await latch.StartAsync().ConfigureAwait(false);
            await latch.AwaitLeadershipAsync().ConfigureAwait(false);
            return await RunWhileAsync(command, "leadership of " + path, error, latch.LeadershipLost).ConfigureAwait(false);
        }
        var mutex = new InterProcessMutex(zk, path);
        await using var held = await mutex.LockAsync().ConfigureAwait(false);
        return await RunWhileAsync(command, "the lock on " + path, error, held.LockLost).ConfigureAwait(false);
    }

    private static async Task<int> RunWhileAsync(IReadOnlyList<string> command, string what, TextWriter error, CancellationToken lost)
    {
        var start = new ProcessStartInfo(command[0]) { UseShellExecute = false };
        foreach (var arg in command.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + command[0]);
        try
        {
            await process.WaitForExitAsync(lost).ConfigureAwait(false);
            return process.ExitCode;
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            await error.WriteLineAsync($"zknet: lost {what} (session lost or node removed); stopped the command").ConfigureAwait(false);
            return LostExitCode;
        }
    }

    private static bool TryParse(string[] args, out string server, out string path, out TimeSpan sessionTimeout,
        out IReadOnlyList<string> command, out string problem)
    {
        server = "127.0.0.1:2181";
        path = "";
        sessionTimeout = TimeSpan.FromSeconds(10);
        command = [];
        problem = "";
        var separator = Array.IndexOf(args, "--");
        if (separator < 0 || separator == args.Length - 1)
        {
            problem = "a command to run is needed after --";
            return false;
        }
        command = args[(separator + 1)..];
        for (var i = 0; i < separator; i++)
        {
            switch (args[i])
            {
                case "--server" or "-server" when i + 1 < separator:
                    server = args[++i];
                    break;
                case "--session-timeout" when i + 1 < separator && double.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0:
                    sessionTimeout = TimeSpan.FromSeconds(seconds);
                    i++;
                    break;
                default:
                    if (args[i].StartsWith('-') || path.Length > 0)
                    {
                        problem = $"unexpected argument '{args[i]}'";
                        return false;
                    }
                    path = args[i];
                    break;
            }
        }
        if (!path.StartsWith('/'))
        {
            problem = "PATH must be an absolute ZooKeeper path";
            return false;
        }
        return true;
    }
}
