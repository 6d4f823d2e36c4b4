namespace ZkNet.Interop.Tests.Infrastructure;

/// <summary>
/// The Java client and Curator scenarios (Scenarios/java): compiled with javac against the Debian jars once per
/// distinct source text, cached under the temp folder, then run as <c>java ZkScenarios host:port scenario args</c>.
/// </summary>
public static class JavaScenarios
{
    /// <summary>The Debian jars: the ZooKeeper client, Curator, and slf4j-simple so that logging goes to stderr.</summary>
    public static readonly string LibraryClassPath = ZkNet.TestSupport.JavaClientLibraries.ClassPath;

    private static readonly SemaphoreSlim CompileLock = new(1, 1);
    private static string? _classes;

    /// <summary>Runs one scenario with a bounded time and returns what it printed.</summary>
    public static async Task<ScenarioResult> RunAsync(string connectString, string scenario, params string[] args) =>
        ScenarioResult.From(await RunRawAsync(connectString, scenario, args));

    /// <summary>Runs one scenario and returns the process outcome unparsed.</summary>
    public static async Task<ProcessOutcome> RunRawAsync(string connectString, string scenario, params string[] args)
    {
        var classes = await EnsureCompiledAsync();
        return await ExternalProcess.RunAsync("java",
            [.. ZkNet.TestSupport.JavaClientLibraries.JvmOptions, "-cp", classes + ":" + LibraryClassPath, "ZkScenarios", connectString, scenario, .. args],
            TimeSpan.FromSeconds(120));
    }

    /// <summary>
    /// Compiles the sources unless classes for exactly these sources exist. A compile goes to a private folder
    /// that is then renamed into place, so concurrent test runs never see half-written classes.
    /// </summary>
    public static async Task<string> EnsureCompiledAsync()
    {
        await CompileLock.WaitAsync();
        try
        {
            if (_classes is not null)
            {
                return _classes;
            }
            var target = await ZkNet.TestSupport.JavaSources.CompileAsync(Path.Combine(AppContext.BaseDirectory, "Scenarios", "java"),
                LibraryClassPath, "ZkScenarios", "zknet-interop-java");
            _classes = target;
            return target;
        }
        finally
        {
            CompileLock.Release();
        }
    }
}
