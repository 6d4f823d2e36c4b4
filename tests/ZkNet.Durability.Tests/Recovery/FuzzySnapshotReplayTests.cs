using ZkNet.Durability.Tests.Support;
using ZkNet.Persistence;
using ZkNet.Persistence.DataDir;
using ZkNet.Persistence.Snapshots;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.TestSupport;

namespace ZkNet.Durability.Tests.Recovery;

/// <summary>
/// A snapshot is fuzzy: nodes are written while txns keep changing the tree, so replaying the log over it meets
/// nodes already gone. Here a data directory holds exactly what a fuzzy snapshot leaves when a session closes (and
/// a node is deleted) after the walk wrote the parent but before it reached the child: the parents' pzxid is from
/// before the deletes, the children are absent, and the log holds the deletes. Apache ZooKeeper and ZkNet start
/// from copies of it and must agree on every node; the parents' pzxid must be that of the deletes.
/// </summary>
public sealed class FuzzySnapshotReplayTests
{
    private const long Session = 0x0100_0000_0000_0001;
    private const long Time = 1_700_000_000_000;

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Replaying_a_close_session_over_a_fuzzy_snapshot_moves_the_parent_pzxid_as_Apache_ZooKeeper_does()
    {
        using var zkDir = new TestDirectory();
        WriteFuzzyDataDir(zkDir);
        using var ourDir = new TestDirectory();
        zkDir.CopyDataTo(ourDir);

        SortedDictionary<string, DumpedNode> theirs, ours;
        await using (var zk = await Servers.StartZooKeeperAsync(zkDir))
        {
            await using var client = await WireClient.ConnectAsync(zk.Port);
            theirs = await TreeDump.ReadAsync(client);
        }
        await using (var zknet = await Servers.StartZkNetAsync(ourDir))
        {
            await using var client = await WireClient.ConnectAsync(zknet.Port);
            ours = await TreeDump.ReadAsync(client);
        }

        Assert.Equal(6, theirs["/eph"].Stat.Pzxid);
        Assert.Equal(7, theirs["/del"].Stat.Pzxid);
        TreeDump.AssertSame(theirs, ours, "ZkNet against Apache ZooKeeper, both from the same fuzzy snapshot and log");
    }

    private static void WriteFuzzyDataDir(TestDirectory dir)
    {
        var snapLog = new FileTxnSnapLog(dir.DataDir);
        var eph = new CreateTxn("/eph/e", "e"u8.ToArray(), Acl.OpenAclUnsafe, true, 1);
        TxnHeader Header(int zxid, OpCode type, long session = Session) => new(session, zxid, zxid, Time + zxid, (int)type);
        using (var log = snapLog.CreateTxnLog(new ZkNet.Persistence.TxnLog.TxnLogOptions { PreAllocSize = 64 * 1024 }))
        {
            log.Append(Header(1, OpCode.CreateSession), new CreateSessionTxn(30_000), null);
            log.Append(Header(2, OpCode.Create), new CreateTxn("/eph", "p"u8.ToArray(), Acl.OpenAclUnsafe, false, 1), null);
            log.Append(Header(3, OpCode.Create), new CreateTxn("/del", "q"u8.ToArray(), Acl.OpenAclUnsafe, false, 2), null);
            log.Append(Header(4, OpCode.Create), eph, null);
            log.Append(Header(5, OpCode.Create), new CreateTxn("/del/d", "d"u8.ToArray(), Acl.OpenAclUnsafe, false, 1), null);
            // The snapshot below starts here (zxid 5); these two happen while it is written.
            log.Append(Header(6, OpCode.CloseSession), new CloseSessionTxn(["/eph/e"]), null);
            log.Append(Header(7, OpCode.Delete), new DeleteTxn("/del/d"), null);
            log.Commit();
        }

        // The walk wrote the root, /zookeeper, /del and /eph as of zxid 5; by the time it reached /eph/e and /del/d
        // they were gone. Sessions are taken when the snapshot starts: the closing session is still in it.
        using var writer = snapLog.CreateSnapshot(5);
        writer.WriteSessions([new KeyValuePair<long, int>(Session, 30_000)]);
        writer.WriteAclCache([new KeyValuePair<long, IReadOnlyList<Acl>>(1, Acl.ReadAclUnsafe)]);
        var empty = new StatPersisted(0, 0, 0, 0, 0, 0, 0, 0, 0);
        writer.WriteNode("", [], -1, empty with { Cversion = 2, Pzxid = 3 });
        writer.WriteNode("/zookeeper", [], -1, empty);
        writer.WriteNode("/zookeeper/quota", [], -1, empty);
        writer.WriteNode("/zookeeper/config", [], 1, empty with { Aversion = -1 });
        writer.WriteNode("/del", "q"u8.ToArray(), -1, new StatPersisted(3, 3, Time + 3, Time + 3, 0, 1, 0, 0, 5));
        writer.WriteNode("/eph", "p"u8.ToArray(), -1, new StatPersisted(2, 2, Time + 2, Time + 2, 0, 1, 0, 0, 4));
        // Zxid 0: no digest to compare, as ZkNet writes its own snapshots.
        writer.Complete(new SnapshotDigest(0, SnapshotDigest.CurrentVersion, 0));
    }
}
