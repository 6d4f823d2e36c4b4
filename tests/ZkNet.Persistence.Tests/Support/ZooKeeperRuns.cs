using ZkNet.TestSupport;

namespace ZkNet.Persistence.Tests.Support;

/// <summary>Starts Apache ZooKeeper 3.8 on a data directory the test owns, so it survives restarts.</summary>
public static class ZooKeeperRuns
{
    static ZooKeeperRuns()
    {
        // znode.container.checkIntervalMs is a Java system property only (not a zoo.cfg key); without it container
        // and TTL nodes are reaped once a minute. Every JVM this test process starts picks this up.
        Environment.SetEnvironmentVariable("JAVA_TOOL_OPTIONS", "-Dznode.container.checkIntervalMs=200");
    }

    /// <summary>Starts ZooKeeper with dataDir <paramref name="dataDir"/>; extra zoo.cfg keys become zookeeper.* system properties.</summary>
    public static async Task<ServerProcess> StartAsync(string dataDir, IReadOnlyDictionary<string, string>? extra = null)
    {
        var config = new Dictionary<string, string>(extra ?? new Dictionary<string, string>()) { ["dataDir"] = dataDir };
        var server = await ServerProcess.StartAsync(ServerKind.ApacheZooKeeper, config, TimeSpan.FromSeconds(60));
        try
        {
            await WaitServingAsync(server);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>
    /// ruok answers imok as soon as the port is open, before the database is loaded and the startup snapshot is
    /// written; srvr says "not currently serving" until then.
    /// </summary>
    private static async Task WaitServingAsync(ServerProcess server)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            string answer;
            try
            {
                answer = await server.FourLetterWordAsync("srvr");
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or OperationCanceledException)
            {
                // A connection reset while the server is still starting: ask again.
                answer = e.Message;
            }
            if (answer.Contains("Zxid:", StringComparison.Ordinal))
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("ZooKeeper never started serving: " + answer + "\n" + server.Output);
            }
            await Task.Delay(50);
        }
    }
}
