using System.Diagnostics;
using System.Globalization;

namespace ZkNet.LoadGen.Measurement;

/// <summary>
/// Counts the fsync and fdatasync calls a server makes while load is measured, with the kernel's syscall tracepoints
/// through <c>perf stat -p PID</c>: counting happens in the kernel, so unlike strace it does not slow the server.
/// Apache ZooKeeper's log uses fdatasync (FileChannel.force(false)), ZkNet's fsync; both are counted. With the
/// server's write count this shows how many txns each fsync covered: group commit at work.
/// </summary>
internal sealed class FsyncCounter
{
    private const string Events = "syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync";
    private readonly Process _perf;

    private FsyncCounter(Process perf) => _perf = perf;

    /// <summary>Whether perf is installed and may read syscall tracepoints (root, or perf_event_paranoid low enough).</summary>
    public static bool Available { get; } = Probe();

    /// <summary>Starts counting the syscalls of <paramref name="pid"/> for <paramref name="duration"/>; null when perf is unavailable.</summary>
    public static FsyncCounter? Start(int pid, TimeSpan duration)
    {
        if (!Available)
        {
            return null;
        }
        // perf stat -p PID counts for as long as its command runs: `sleep` makes it a timer.
        var seconds = duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo("perf")
        {
            ArgumentList = { "stat", "-x", ",", "-e", Events, "-p", pid.ToString(CultureInfo.InvariantCulture), "--", "sleep", seconds },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        try
        {
            return Process.Start(start) is { } process ? new FsyncCounter(process) : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>The syscalls counted, once perf has finished (null if it failed); bounded wait.</summary>
    public async Task<long?> ResultAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            var stderr = _perf.StandardError.ReadToEndAsync(cts.Token);
            await _perf.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            return _perf.ExitCode == 0 ? Parse(await stderr.ConfigureAwait(false)) : null;
        }
        catch (OperationCanceledException)
        {
            _perf.Kill();
            return null;
        }
        finally
        {
            _perf.Dispose();
        }
    }

    /// <summary>Sums the counts of perf stat's CSV lines ("12,,syscalls:sys_enter_fsync,..."); null if none parse.</summary>
    internal static long? Parse(string csv)
    {
        long? total = null;
        foreach (var line in csv.Split('\n'))
        {
            var fields = line.Split(',');
            if (fields.Length > 2 && fields[2].StartsWith("syscalls:sys_enter_", StringComparison.Ordinal) &&
                long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                total = (total ?? 0) + count;
            }
        }
        return total;
    }

    private static bool Probe()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("perf")
            {
                ArgumentList = { "stat", "-x", ",", "-e", Events, "--", "true" },
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return false;
            }
            var stderr = process.StandardError.ReadToEnd();
            return process.WaitForExit(10_000) && process.ExitCode == 0 && Parse(stderr) is not null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
