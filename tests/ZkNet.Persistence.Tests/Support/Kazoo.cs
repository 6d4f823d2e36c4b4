using System.Diagnostics;
using System.Text.Json;

namespace ZkNet.Persistence.Tests.Support;

/// <summary>Runs a Python script against a server with kazoo (the Debian python3-kazoo, hence /usr/bin/python3).</summary>
public static class Kazoo
{
    public const string Python = "/usr/bin/python3";

    /// <summary>Runs <paramref name="script"/> with the connect string as argv[1]; returns its stdout parsed as JSON.</summary>
    public static async Task<JsonElement> RunAsync(string script, string connectString, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList = { "-c", KazooPrelude.Code + script, connectString },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start python3");
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
            throw new TimeoutException("kazoo script timed out:\n" + await stderr);
        }
        var output = await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kazoo script failed ({process.ExitCode}):\n{await stderr}\n{output}");
        }
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
