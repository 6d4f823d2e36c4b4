using System.Text.Json;

namespace ZkNet.Cli.Tests.Support;

/// <summary>Runs a Python script with kazoo (the Debian python3-kazoo, hence /usr/bin/python3) against a server.</summary>
public static class Kazoo
{
    /// <summary>Runs <paramref name="script"/> after <see cref="KazooWorkload.Prelude"/> with the connect string as
    /// argv[1]; returns its stdout parsed as JSON.</summary>
    public static async Task<JsonElement> RunAsync(string script, string connectString)
    {
        var (code, output, error) = await ExternalProcess.RunAsync("/usr/bin/python3", ["-c", KazooWorkload.Prelude + script, connectString]);
        if (code != 0)
        {
            throw new InvalidOperationException($"kazoo script failed ({code}):\n{error}\n{output}");
        }
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
