using ZkNet.TestSupport;

namespace ZkNet.Ensemble.Tests.Clients;

/// <summary>
/// Starts the client programs of the Clients folder, driven line by line: EnsembleClients (Java, compiled with javac
/// against the Debian jars once per distinct source text) and ensemble_clients.py (kazoo, with the Debian python).
/// </summary>
internal static class ClientPrograms
{
    private static readonly SemaphoreSlim CompileGate = new(1, 1);
    private static string? _classes;

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Clients");

    /// <summary>Starts <c>java EnsembleClients connectString mode args...</c>.</summary>
    public static async Task<LineProcess> StartJavaAsync(string connectString, string mode, params string[] args)
    {
        var classes = await CompileAsync();
        return LineProcess.Start("java",
            [.. JavaClientLibraries.JvmOptions, "-cp", classes + ":" + JavaClientLibraries.ClassPath, "EnsembleClients", connectString, mode, .. args],
            name: "java " + mode);
    }

    /// <summary>Starts <c>ensemble_clients.py connectString mode args...</c> with kazoo.</summary>
    public static LineProcess StartKazoo(string connectString, string mode, params string[] args) =>
        LineProcess.Start(Kazoo.Python, [Path.Combine(Folder, "ensemble_clients.py"), connectString, mode, .. args],
            new Dictionary<string, string> { ["PYTHONDONTWRITEBYTECODE"] = "1", ["PYTHONUNBUFFERED"] = "1" }, "kazoo " + mode);

    private static async Task<string> CompileAsync()
    {
        await CompileGate.WaitAsync();
        try
        {
            return _classes ??= await JavaSources.CompileAsync(Folder, JavaClientLibraries.ClassPath, "EnsembleClients", "zknet-ensemble-java");
        }
        finally
        {
            CompileGate.Release();
        }
    }
}
