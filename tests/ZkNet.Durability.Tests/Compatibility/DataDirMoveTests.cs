using ZkNet.Durability.Tests.Support;

namespace ZkNet.Durability.Tests.Compatibility;

/// <summary>
/// One data directory, two servers: what Apache ZooKeeper 3.8 wrote, ZkNet starts from with an identical tree (paths,
/// data, ACLs, every Stat field) and the same live sessions; what ZkNet wrote, Apache ZooKeeper starts from the same
/// way. Every txn type is in the files (see workload.py), with snapshots followed by more logs.
/// </summary>
public sealed class DataDirMoveTests
{
    [Fact(Timeout = TestTimeouts.Test)]
    public async Task A_data_directory_moves_from_Apache_ZooKeeper_to_ZkNet_and_back_with_identical_trees_and_sessions()
    {
        using var dir = new TestDirectory();
        WorkloadSessions first;
        await using (var zk = await Servers.StartZooKeeperAsync(dir, Moves.FrequentSnapshots))
        {
            first = await Moves.RunWorkloadAsync(zk, "a");
            await zk.KillAsync();
        }
        SortedDictionary<string, DumpedNode> written;
        string counts;
        await using (var zk = await Servers.StartZooKeeperAsync(dir, Moves.StartupSnapshotOnly))
        {
            await Moves.WriteAfterStartupSnapshotAsync(zk, "a");
            written = await Moves.DumpAsync(zk);
            counts = await Moves.CountsAsync(zk);
            await zk.KillAsync();
        }
        Moves.AssertSnapshotFollowedByLog(dir);

        SortedDictionary<string, DumpedNode> rewritten;
        WorkloadSessions second;
        await using (var zknet = await Servers.StartZkNetAsync(dir, Moves.FrequentSnapshots))
        {
            Assert.Matches(@"Replayed [1-9]\d* txns from the log", zknet.Output);
            // ZooKeeper's digests (fuzzy snapshots, then every txn) match the tree ZkNet rebuilt.
            await Moves.AssertNoDigestMismatchAsync(zknet);
            TreeDump.AssertSame(written, await Moves.DumpAsync(zknet), "ZkNet on Apache ZooKeeper's data directory");
            Assert.Equal(counts, await Moves.CountsAsync(zknet));
            await Moves.AssertSessionsAsync(zknet, first);
            // ZkNet now writes on top of ZooKeeper's files: the same workload again, under /b.
            second = await Moves.RunWorkloadAsync(zknet, "b");
            rewritten = await Moves.DumpAsync(zknet);
            await zknet.KillAsync();
        }

        Moves.AssertDigestsOnDisk(dir);
        await using (var zk = await Servers.StartZooKeeperAsync(dir, Moves.FrequentSnapshots))
        {
            await Moves.AssertNoDigestMismatchAsync(zk);
            TreeDump.AssertSame(rewritten, await Moves.DumpAsync(zk), "Apache ZooKeeper back on the data directory after ZkNet");
            await Moves.AssertSessionsAsync(zk, second);
            await Moves.AssertSessionsAsync(zk, first);
        }
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task A_data_directory_written_by_ZkNet_starts_in_Apache_ZooKeeper_with_an_identical_tree_and_sessions()
    {
        using var dir = new TestDirectory();
        WorkloadSessions sessions;
        await using (var zknet = await Servers.StartZkNetAsync(dir, Moves.FrequentSnapshots))
        {
            sessions = await Moves.RunWorkloadAsync(zknet, "a");
            await zknet.KillAsync();
        }
        SortedDictionary<string, DumpedNode> written;
        string counts;
        await using (var zknet = await Servers.StartZkNetAsync(dir, Moves.StartupSnapshotOnly))
        {
            await Moves.WriteAfterStartupSnapshotAsync(zknet, "a");
            written = await Moves.DumpAsync(zknet);
            counts = await Moves.CountsAsync(zknet);
            await zknet.KillAsync();
        }
        Moves.AssertSnapshotFollowedByLog(dir);
        Moves.AssertDigestsOnDisk(dir);

        await using var zk = await Servers.StartZooKeeperAsync(dir, Moves.FrequentSnapshots);
        // ZooKeeper compared ZkNet's snapshot digest and every logged digest with the tree it rebuilt.
        await Moves.AssertNoDigestMismatchAsync(zk);
        TreeDump.AssertSame(written, await Moves.DumpAsync(zk), "Apache ZooKeeper on ZkNet's data directory");
        Assert.Equal(counts, await Moves.CountsAsync(zk));
        await Moves.AssertSessionsAsync(zk, sessions);
    }
}
