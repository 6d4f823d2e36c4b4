using System.Text.Json;
using ZkNet.TestSupport;

namespace ZkNet.Cli.Tests.Support;

/// <summary>
/// Data directories written by real servers, made once for the tests that share them: Apache ZooKeeper 3.8 and ZkNet
/// each run <see cref="KazooWorkload.DumpTools"/> with snapCount 10 (several logs and fuzzy snapshots), are killed, and are
/// started once more so that each writes a snapshot of the final, quiet tree.
/// </summary>
public sealed class DataDirs : IAsyncLifetime, IDisposable
{
    private readonly TempDir _dir = new();

    public string ZooKeeper { get; private set; } = "";

    public string ZkNet { get; private set; } = "";

    /// <summary>The tree the client saw at the end of the workload, per server.</summary>
    public Dictionary<ServerKind, JsonElement> Seen { get; } = [];

    public string Dir(ServerKind kind) => kind == ServerKind.ZkNet ? ZkNet : ZooKeeper;

    /// <summary>version-2 of a server's data directory.</summary>
    public string Version2(ServerKind kind) => Path.Combine(Dir(kind), "version-2");

    /// <summary>Every snapshot of a server, newest last.</summary>
    public IReadOnlyList<string> Snapshots(ServerKind kind) => Files(Dir(kind), "snapshot.");

    /// <summary>Every log of a server, oldest first.</summary>
    public IReadOnlyList<string> Logs(ServerKind kind) => Files(Dir(kind), "log.");

    public async Task InitializeAsync()
    {
        ZooKeeper = await WriteAsync(ServerKind.ApacheZooKeeper);
        ZkNet = await WriteAsync(ServerKind.ZkNet);
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>The settings both servers write their files with: small logs, frequent snapshots.</summary>
    public static Dictionary<string, string> Config(string dataDir) => new()
    {
        ["dataDir"] = dataDir,
        ["snapCount"] = "10",
        ["preAllocSize"] = "64",
    };

    private async Task<string> WriteAsync(ServerKind kind)
    {
        var dataDir = _dir.Combine(kind.ToString());
        Directory.CreateDirectory(dataDir);
        await using (var server = await ServerProcess.StartAsync(kind, Config(dataDir)))
        {
            Seen[kind] = await Kazoo.RunAsync(KazooWorkload.DumpTools, server.ConnectString);
            await server.KillAsync();
        }
        // Apache ZooKeeper writes a real digest into its startup snapshot only when it replayed txns after the
        // snapshot it loaded; when the workload's last fuzzy snapshot already held the last txn (a matter of timing)
        // it writes the "none" placeholder and the digest tests had nothing to check. Dropping the newest snapshot
        // makes the restart replay the log's tail whatever the timing (an older one, at worst snapshot.0, remains).
        var snapshots = Files(dataDir, "snapshot.");
        if (snapshots.Count >= 2)
        {
            File.Delete(snapshots[^1]);
        }
        // On startup both servers replay the log and snapshot the result: that snapshot holds the final tree.
        await using (var server = await ServerProcess.StartAsync(kind, Config(dataDir)))
        {
            await Serving.WaitAsync(server);
            await server.KillAsync();
        }
        return dataDir;
    }

    private static List<string> Files(string dataDir, string prefix) =>
        Directory.EnumerateFiles(Path.Combine(dataDir, "version-2"), prefix + "*")
            .Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal))
            .OrderBy(f => Convert.ToInt64(Path.GetFileName(f)[prefix.Length..], 16))
            .ToList();
}
