using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;
using ZkNet.Cli.CommandLine;
using ZkNet.Cli.Output;
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
    public static Task<int> RunAsync(string[] args, bool elect, TextWriter? error = null) =>
        ZkNetCommandLine.InvokeAsync([elect ? "elect" : "lock", .. args], new ToolConsole(Stream.Null, error ?? Console.Error, false));

    /// <summary>
    /// The verb in the command tree. What follows "--" is the command, never parsed (its -h is its own); the parser
    /// would also take arguments before "--" as the command, so the action checks that there was one.
    /// </summary>
    public static Command Create(bool elect, TextWriter error)
    {
        var verb = elect ? "elect" : "lock";
        var server = VerbOptions.Value("--server", "HOST:PORT", "-server");
        var sessionTimeout = VerbOptions.Value("--session-timeout", "SECONDS", CheckSeconds);
        var path = new Argument<string>("PATH").NoOptions();
        path.Validators.Add(result =>
        {
            if (result.Tokens is [{ } token] && !token.Value.StartsWith('/') && !token.Value.StartsWith('-'))
            {
                result.AddError("PATH must be an absolute ZooKeeper path");
            }
        });
        var command = new Argument<string[]>("COMMAND") { Arity = ArgumentArity.ZeroOrMore };
        var usage = $"usage: zknet {verb} [--server HOST:PORT] [--session-timeout SECONDS] PATH -- COMMAND [ARGS...]";
        var coordinated = new Verb(verb, usage) { server, sessionTimeout, path, command };
        coordinated.SetAction(async (r, _) =>
        {
            var separator = r.Tokens.Select((t, i) => (t, i)).FirstOrDefault(x => x.t.Type == TokenType.DoubleDash).i;
            var args = r.GetValue(command) ?? [];
            if (separator == 0 || args.Length == 0 || r.Tokens.Count - separator - 1 != args.Length)
            {
                await error.WriteLineAsync($"zknet {verb}: a command to run is needed after --\n{usage}").ConfigureAwait(false);
                return UsageExitCode;
            }
            var seconds = r.GetValue(sessionTimeout) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : 10;
            return await RunAsync(r.GetValue(server) ?? "127.0.0.1:2181", r.GetRequiredValue(path), TimeSpan.FromSeconds(seconds), args, elect, error)
                .ConfigureAwait(false);
        });
        return coordinated;
    }

    private static string? CheckSeconds(string text) =>
        double.TryParse(text, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? null
            : $"--session-timeout must be a positive number of seconds, not '{text}'";

    private static async Task<int> RunAsync(string server, string path, TimeSpan sessionTimeout, string[] command, bool elect, TextWriter error)
    {
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
}
