namespace ZkNet.Interop.Tests.Infrastructure;

/// <summary>
/// Runs the kazoo scenario scripts (Scenarios/kazoo) with the Debian python, the one that has kazoo installed
/// (the python3 first on PATH may be another one).
/// </summary>
public static class KazooScripts
{
    /// <summary>The interpreter that has python3-kazoo.</summary>
    public const string Python = "/usr/bin/python3";

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs <c>script host:port scenario args...</c> and returns what it printed.</summary>
    public static async Task<ScenarioResult> RunAsync(string script, string connectString, string scenario, params string[] args)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "Scenarios", "kazoo");
        var outcome = await ExternalProcess.RunAsync(Python,
            [Path.Combine(directory, script), connectString, scenario, .. args], DefaultTimeout, directory,
            environment: new Dictionary<string, string> { ["PYTHONDONTWRITEBYTECODE"] = "1", ["PYTHONUNBUFFERED"] = "1" });
        return ScenarioResult.From(outcome);
    }
}
