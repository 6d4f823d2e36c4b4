using System.Text.Json;

namespace ZkNet.TestSupport;

/// <summary>Runs Python scripts with kazoo (the Debian python3-kazoo, hence /usr/bin/python3) against a server.</summary>
public static class Kazoo
{
    public const string Python = "/usr/bin/python3";

    /// <summary>
    /// Runs <paramref name="script"/> after <see cref="KazooPrelude.Code"/> with the connect string as argv[1];
    /// returns its stdout parsed as JSON.
    /// </summary>
    public static Task<JsonElement> RunAsync(string script, string connectString, TimeSpan? timeout = null) =>
        RunJsonAsync(["-c", KazooPrelude.Code + script, connectString], "kazoo script", timeout ?? TimeSpan.FromSeconds(90));

    /// <summary>
    /// Runs the script file <paramref name="script"/> (relative to the test output folder) with <paramref name="args"/>;
    /// returns its stdout parsed as JSON.
    /// </summary>
    public static Task<JsonElement> RunFileAsync(string script, params string[] args) =>
        RunJsonAsync([Path.Combine(AppContext.BaseDirectory, script), .. args], script, TimeSpan.FromSeconds(60));

    private static async Task<JsonElement> RunJsonAsync(IReadOnlyList<string> args, string what, TimeSpan timeout)
    {
        var (code, output, error) = await ExternalProcess.RunAsync(Python, args, timeout);
        if (code != 0)
        {
            throw new InvalidOperationException($"{what} failed ({code}):\n{error}\n{output}");
        }
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
