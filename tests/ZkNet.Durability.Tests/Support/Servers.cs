using ZkNet.TestSupport;

namespace ZkNet.Durability.Tests.Support;

/// <summary>
/// Starts ZkNet or Apache ZooKeeper 3.8 as a process on a test's own folder, so it can be killed and started again
/// on the same data. Both wait until <c>srvr</c> reports a zxid (the database is loaded), not merely for ruok.
/// </summary>
internal static class Servers
{
    /// <summary>Containers and TTL nodes are checked every 100 ms instead of every minute (a system property in ZooKeeper).</summary>
    public static readonly IReadOnlyDictionary<string, string> FastReaping = new Dictionary<string, string>
    {
        ["znode.container.checkIntervalMs"] = "100",
    };

    public static Task<ServerProcess> StartAsync(ServerKind kind, TestDirectory directory, IReadOnlyDictionary<string, string>? config = null,
        int? port = null, IReadOnlyDictionary<string, string>? systemProperties = null, bool wait = true)
    {
        var merged = new Dictionary<string, string>(config ?? new Dictionary<string, string>());
        if (kind == ServerKind.ApacheZooKeeper)
        {
            // Small logs in tests: ZooKeeper's default preallocation is 64 MiB per file.
            merged.TryAdd("preAllocSize", "1024");
        }
        return ServerProcess.StartAsync(kind, new ServerStartOptions
        {
            Directory = directory.Path,
            Config = merged,
            SystemProperties = systemProperties ?? FastReaping,
            Port = port,
            WaitForSrvr = true,
            WaitUntilServing = wait,
            StartTimeout = TimeSpan.FromSeconds(kind == ServerKind.ApacheZooKeeper ? 60 : 30),
        });
    }

    public static Task<ServerProcess> StartZkNetAsync(TestDirectory directory, IReadOnlyDictionary<string, string>? config = null,
        int? port = null, bool wait = true) => StartAsync(ServerKind.ZkNet, directory, config, port, wait: wait);

    public static Task<ServerProcess> StartZooKeeperAsync(TestDirectory directory, IReadOnlyDictionary<string, string>? config = null,
        int? port = null, IReadOnlyDictionary<string, string>? systemProperties = null) =>
        StartAsync(ServerKind.ApacheZooKeeper, directory, config, port, systemProperties);

    /// <summary>A server that must refuse to start: its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(ServerKind kind, TestDirectory directory,
        IReadOnlyDictionary<string, string>? config = null, IReadOnlyDictionary<string, string>? systemProperties = null)
    {
        await using var server = await StartAsync(kind, directory, config, systemProperties: systemProperties, wait: false);
        var code = await server.WaitForExitAsync(TimeSpan.FromSeconds(30));
        return (code, server.Output);
    }
}
