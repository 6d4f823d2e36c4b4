using System.Diagnostics;

namespace ZkNet.TestSupport;

/// <summary>Runs a program to completion within a bound and returns its exit code and output.</summary>
public static class ExternalProcess
{
    /// <summary>Runs <paramref name="program"/> with <paramref name="args"/>; kills it (by its process tree) after <paramref name="timeout"/>, 90 s by default.</summary>
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(string program, IEnumerable<string> args,
        TimeSpan? timeout = null, string? workingDirectory = null)
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
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} timed out:\n{await stderr}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
