using ZkNet.TestSupport;

namespace ZkNet.Recipes.Tests.Infrastructure;

/// <summary>
/// Java/CuratorDriver.java, compiled with javac against Debian's Curator jars (once per distinct source text, cached
/// in the temp folder) and run as a separate process that uses Curator's own recipes.
/// </summary>
public static class CuratorDriver
{
    /// <summary>The jars: ZooKeeper's client, Curator with its discovery extension and Jackson, and slf4j-simple so logging goes to stderr.</summary>
    public static readonly string LibraryClassPath = string.Join(':',
        "/usr/share/java/zookeeper.jar", "/usr/share/java/zookeeper-jute.jar", "/usr/share/java/curator-client.jar",
        "/usr/share/java/curator-framework.jar", "/usr/share/java/curator-recipes.jar", "/usr/share/java/curator-x-discovery.jar",
        "/usr/share/java/jackson-databind.jar", "/usr/share/java/jackson-core.jar", "/usr/share/java/jackson-annotations.jar",
        "/usr/share/java/slf4j-simple.jar");

    private static readonly SemaphoreSlim CompileGate = new(1, 1);
    private static string? _classes;

    /// <summary>Whether Java and Curator are installed (scripts/test.sh installs them).</summary>
    public static bool Available => File.Exists("/usr/share/java/curator-recipes.jar") && File.Exists("/usr/bin/javac");

    /// <summary>
    /// Starts the driver; the task completes with its output when it exits (killed after two minutes, or when
    /// <paramref name="stop"/> is cancelled).
    /// </summary>
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(string connectString, string kind, string path,
        int iterations, string directory, string label, int maxLeases = 1, CancellationToken stop = default)
    {
        var classes = await CompileAsync();
        return await ExternalProcess.RunAsync("java",
            ["-XX:TieredStopAtLevel=1", "-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error", "-cp", classes + ":" + LibraryClassPath,
             "CuratorDriver", connectString, kind, path, iterations.ToString(System.Globalization.CultureInfo.InvariantCulture), directory, label,
             maxLeases.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            TimeSpan.FromMinutes(2), stop: stop);
    }

    /// <summary>
    /// Starts the driver and returns once it is connected and about to contend (its ready node exists; contending kinds
    /// are then released by a go node), with the task of its whole run; fails the test if it ends before that.
    /// </summary>
    public static async Task<Task<(int ExitCode, string Out, string Error)>> StartContendingAsync(Client.IZooKeeperClient probe,
        string connectString, string kind, string path, int iterations, string directory, string label = "curator", int maxLeases = 1,
        CancellationToken stop = default)
    {
        Assert.True(Available, "Curator (libcurator-*-java) and javac are needed: scripts/test.sh installs them");
        var run = RunAsync(connectString, kind, path, iterations, directory, label, maxLeases, stop);
        var ready = Waits.NodeExistsAsync(probe, path + "-ready-" + label);
        if (await Task.WhenAny(run, ready).WaitAsync(TimeSpan.FromMinutes(2), stop) == run)
        {
            var (code, output, error) = await run;
            Assert.Fail($"the Curator driver ended before contending ({code}):\n{output}\n{error}");
        }
        await ready;
        if (kind is not ("latch" or "discovery" or "cache" or "selector" or "group" or "same-id" or "barrier"))
        {
            // The contending kinds wait for this before their first round, so they contend with what the test starts next.
            await probe.CreateAsync(path + "-go-" + label, null, ZkNet.Protocol.Records.Acl.OpenAclUnsafe, cancellationToken: stop).Bounded();
        }
        return run;
    }

    /// <summary>
    /// Runs <paramref name="test"/> with a token for the drivers it starts (<c>stop</c> of <see cref="StartContendingAsync"/>)
    /// and cancels it when the test ends, passed or failed: a failure does not leave a driver running behind it.
    /// </summary>
    public static async Task StoppingDriversAsync(Func<CancellationToken, Task> test)
    {
        ArgumentNullException.ThrowIfNull(test);
        using var stop = new CancellationTokenSource();
        try
        {
            await test(stop.Token);
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    /// <summary>Waits for the driver to end and checks it exited 0; returns what it printed.</summary>
    public static async Task<string> FinishedCleanAsync(Task<(int ExitCode, string Out, string Error)> run)
    {
        var (exitCode, output, error) = await run.Bounded(TimeSpan.FromMinutes(2));
        Assert.True(exitCode == 0, $"Curator driver exited {exitCode}:\n{output}\n{error}");
        return output;
    }

    private static async Task<string> CompileAsync()
    {
        await CompileGate.WaitAsync();
        try
        {
            return _classes ??= await JavaSources.CompileAsync(Path.Combine(AppContext.BaseDirectory, "Java"), LibraryClassPath,
                "CuratorDriver", "zknet-recipes-java");
        }
        finally
        {
            CompileGate.Release();
        }
    }
}
