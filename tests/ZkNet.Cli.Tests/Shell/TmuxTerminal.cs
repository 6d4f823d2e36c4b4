using System.Diagnostics;
using System.Globalization;
using ZkNet.TestSupport;

namespace ZkNet.Cli.Tests.Shell;

/// <summary>
/// A real terminal for the interactive shell: a tmux server of the test's own (its own socket, no user config) with one
/// pane of a fixed size running a command; keys go in with send-keys, the screen comes out with capture-pane. The
/// command runs under sh, which shows its exit status on the screen. Disposing kills the pane's process tree and the
/// tmux server by their process ids.
/// </summary>
internal sealed class TmuxTerminal : IAsyncDisposable
{
    private readonly string _socket = "zknet-test-" + Guid.NewGuid().ToString("N")[..12];
    private int _serverPid;
    private int _panePid;

    private TmuxTerminal()
    {
    }

    public static async Task<TmuxTerminal> StartAsync(int width, int height, params string[] command)
    {
        var terminal = new TmuxTerminal();
        // The command runs under sh, which prints its exit status when it ends (tmux's pane_dead_status is not
        // reliably filled in, so the screen is where the status is read).
        // sh catches SIGINT (a trap, not an ignore, so the command still gets Ctrl-C) to outlive it and print the status.
        var script = "trap 'true' INT; " + string.Join(' ', command.Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'")) + "; echo \"[exited $?]\"; sleep 60";
        await terminal.TmuxAsync(["-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", W(width), "-y", W(height), "sh", "-c", script]);
        terminal._panePid = int.Parse(await terminal.DisplayAsync("#{pane_pid}"), CultureInfo.InvariantCulture);
        terminal._serverPid = int.Parse(await terminal.DisplayAsync("#{pid}"), CultureInfo.InvariantCulture);
        return terminal;
    }

    /// <summary>Types <paramref name="text"/> literally.</summary>
    public Task TypeAsync(string text) => TmuxAsync(["send-keys", "-t", "main", "-l", text]);

    /// <summary>Presses keys by tmux's names: C-a, C-r, Tab, Enter, ...</summary>
    public Task PressAsync(params string[] keys) => TmuxAsync(["send-keys", "-t", "main", .. keys]);

    /// <summary>The visible screen, one string per row, trailing blanks trimmed.</summary>
    public async Task<string[]> ScreenAsync() =>
        (await TmuxAsync(["capture-pane", "-p", "-t", "main"])).TrimEnd('\n').Split('\n').Select(l => l.TrimEnd()).ToArray();

    /// <summary>Waits (bounded) until the screen satisfies <paramref name="condition"/> and returns it.</summary>
    public async Task<string[]> WaitForScreenAsync(Func<string[], bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        var screen = await ScreenAsync();
        while (!condition(screen))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the terminal never showed {what}; it shows:\n{string.Join('\n', screen)}");
            }
            // tmux has no event for "the screen changed" that a test can await; poll it, bounded.
            await Task.Delay(50);
            screen = await ScreenAsync();
        }
        return screen;
    }

    /// <summary>Waits (bounded) for the command to exit and returns its exit status.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        var screen = await WaitForScreenAsync(s => s.Any(l => l.StartsWith("[exited ", StringComparison.Ordinal)), "the command's exit", timeout);
        var line = screen.First(l => l.StartsWith("[exited ", StringComparison.Ordinal));
        return int.Parse(line["[exited ".Length..^1], CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        Kill(_panePid);
        Kill(_serverPid);
        await Task.CompletedTask;
    }

    private static void Kill(int pid)
    {
        if (pid <= 0)
        {
            return;
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // Already gone.
        }
    }

    private async Task<string> DisplayAsync(string format) => (await TmuxAsync(["display-message", "-p", "-t", "main", format])).Trim();

    private async Task<string> TmuxAsync(string[] args)
    {
        var run = await ExternalProcess.RunAsync("tmux", ["-L", _socket, .. args], TimeSpan.FromSeconds(20));
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"tmux {string.Join(' ', args)} failed: {run.Error}");
        }
        return run.Out;
    }

    private static string W(int value) => value.ToString(CultureInfo.InvariantCulture);
}
