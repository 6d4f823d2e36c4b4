using ZkNet.Durability.Tests.Support;
using ZkNet.Protocol;

namespace ZkNet.Durability.Tests.Compatibility;

/// <summary>
/// A txn log whose records are intact but one of whose tree digests is wrong: both servers replay it, report the
/// mismatch (a logged error and zk_digest_mismatches_count) and go on serving the tree, as ZooKeeper 3.8 does. This is
/// what makes the "no mismatch" checks of the data directory moves mean something.
/// </summary>
public sealed class DigestMismatchTests
{
    [Fact(Timeout = TestTimeouts.Test)]
    public async Task A_wrong_digest_in_the_log_is_reported_by_ZkNet_and_Apache_ZooKeeper_alike_and_neither_stops()
    {
        using var dir = new TestDirectory();
        await using (var zknet = await Servers.StartZkNetAsync(dir, Moves.StartupSnapshotOnly))
        {
            await using var client = await WireClient.ConnectAsync(zknet.Port);
            Assert.Equal(ErrorCode.Ok, (await client.CreateAsync("/d", "one")).Err);
            Assert.Equal(ErrorCode.Ok, (await client.CreateAsync("/d/x", "two")).Err);
            Assert.Equal(ErrorCode.Ok, (await client.SetDataAsync("/d", "three")).Err);
            Assert.Equal(ErrorCode.Ok, (await client.DeleteAsync("/d/x")).Err);
            await zknet.KillAsync();
        }
        var snapshotZxid = LogRecords.Snapshots(dir)[0].Zxid;
        var target = LogRecords.ReadAll(dir).Single(r => r.Entry.Zxid > snapshotZxid && r.Entry.Type == (int)OpCode.SetData);
        LogRecords.RewriteDigest(target, target.Entry.Digest!.TreeDigest + 1);
        // ZkNet's startup snapshot would hide the log from the next server: ZooKeeper gets a copy of the damaged files.
        using var copy = new TestDirectory();
        dir.CopyDataTo(copy);

        var zxid = $"0x{target.Entry.Zxid:x}";
        await using (var zknet = await Servers.StartZkNetAsync(dir))
        {
            Assert.Contains("Digests are not matching: first digest mismatch at zxid " + zxid, zknet.Output, StringComparison.Ordinal);
            // Only that txn's digest is wrong: the tree itself is right, so the txns after it match again.
            Assert.Equal(1, await Moves.DigestMismatchesAsync(zknet));
            await using var client = await WireClient.ConnectAsync(zknet.Port);
            Assert.Equal("three", (await client.TryGetStringAsync("/d"))?.Data);
        }
        await using (var zk = await Servers.StartZooKeeperAsync(copy))
        {
            Assert.Contains("Digests are not matching", zk.Output, StringComparison.Ordinal);
            Assert.Equal(1, await Moves.DigestMismatchesAsync(zk));
            await using var client = await WireClient.ConnectAsync(zk.Port);
            Assert.Equal("three", (await client.TryGetStringAsync("/d"))?.Data);
        }
    }
}
