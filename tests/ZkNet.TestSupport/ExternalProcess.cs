using System.Diagnostics;

namespace ZkNet.TestSupport;

/// <summary>Runs a program to completion within a bound and returns its exit code and output.</summary>
public static class ExternalProcess
{
    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="args"/>; kills it (by its process tree) after
    /// <paramref name="timeout"/>, 90 s by default, or as soon as <paramref name="stop"/> is cancelled (a test that failed
    /// while the program was still running stops it rather than leaving it behind).
    /// </summary>
    /// <exception cref="TimeoutException">The program ran past <paramref name="timeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="stop"/> was cancelled before it exited.</exception>
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(string program, IEnumerable<string> args,
        TimeSpan? timeout = null, string? workingDirectory = null, CancellationToken stop = default)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + program);
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None); // ends with the process, killed or not
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stop);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            stop.ThrowIfCancellationRequested();
            throw new TimeoutException($"{program} {string.Join(' ', args)} timed out:\n{await stderr}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
