using System.Text.Json;
using ZkNet.Persistence.DataDir;
using ZkNet.Persistence.Snapshots;
using ZkNet.Persistence.Tests.Support;
using ZkNet.Persistence.TxnLog;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Server.Txn;
using ZkNet.TestSupport;

namespace ZkNet.Persistence.Tests.Golden;

/// <summary>
/// The reverse direction: a snapshot and a txn log written by our code, which Apache ZooKeeper 3.8 must start
/// from (replaying the log over the snapshot and checking our digests) and then serve to a client.
/// </summary>
public sealed class ApacheZooKeeperReadsOurFilesTests
{
    private const long SnapshotZxid = 3;
    private const long Session = 0x0100_0000_0000_0042;
    private const long EphemeralSession = 0x0100_0000_0000_0007;
    private const long Time = 1_700_000_000_000;

    [Theory]
    [InlineData(SnapshotCompression.None)]
    [InlineData(SnapshotCompression.Gzip)]
    [InlineData(SnapshotCompression.Snappy)]
    public async Task Apache_ZooKeeper_starts_from_our_snapshot_and_log_and_serves_the_tree(SnapshotCompression compression)
    {
        using var dir = new TempDir();
        var dataDir = dir.Combine("data");
        var (model, lastZxid) = WriteDataDir(dataDir, compression, corruptDigestAt: null);

        await using var zk = await ZooKeeperRuns.StartAsync(dataDir);
        var seen = await Kazoo.RunAsync("""
zk = connect(hosts)
tree = walk(zk)
zk.create('/after', b'a')
tree['/after'] = walk(zk, '/after')['/after']
print(json.dumps(tree))
zk.stop()
""", zk.ConnectString);

        var after = seen.GetProperty("/after").GetProperty("stat");
        // Our last zxid, then the kazoo session's createSession, then its create.
        Assert.Equal(lastZxid + 2, after[0].GetInt64());
        foreach (var path in model.Paths)
        {
            var node = model[path];
            var client = seen.GetProperty(path);
            var data = client.GetProperty("data");
            Assert.Equal(node.Data ?? [], data.ValueKind == JsonValueKind.Null ? [] : Convert.FromBase64String(data.GetString()!));
            var stat = client.GetProperty("stat").EnumerateArray().Select(v => v.GetInt64()).ToArray();
            var s = node.Stat;
            Assert.Equal((long[])[s.Czxid, s.Mzxid, s.Ctime, s.Mtime, s.Version], stat[..5]);
            Assert.Equal(s.EphemeralOwner, stat[7]);
            Assert.Equal(s.Pzxid, stat[10]);
        }
        Assert.Equal([Perms.Read, Perms.All], seen.GetProperty("/secret").GetProperty("acl").EnumerateArray().Select(a => a[0].GetInt32()));
        Assert.DoesNotContain("not matching", zk.Output, StringComparison.Ordinal);
        Assert.Contains("digest value as " + model.SnapshotDigest, zk.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apache_ZooKeeper_reports_a_wrong_digest_in_our_log_so_the_digest_checks_above_are_real()
    {
        using var dir = new TempDir();
        var dataDir = dir.Combine("data");
        WriteDataDir(dataDir, SnapshotCompression.None, corruptDigestAt: SnapshotZxid + 2);
        await using var zk = await ZooKeeperRuns.StartAsync(dataDir);
        Assert.Contains("Digests are not matching", zk.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_we_cut_a_torn_tail_Apache_ZooKeeper_starts_from_the_log_and_reuses_the_lost_zxid()
    {
        using var dir = new TempDir();
        var dataDir = dir.Combine("data");
        var (_, lastZxid) = WriteDataDir(dataDir, SnapshotCompression.None, corruptDigestAt: null);
        var snapLog = new FileTxnSnapLog(dataDir);
        var last = Support.Txns.Records(snapLog.LogDir)[^1];
        Assert.Equal(lastZxid, last.Zxid);
        Support.Txns.Patch(last.File, last.Offset + last.Length - 4, new byte[4]);
        using (var reader = snapLog.ReadLog(0))
        {
            Assert.Equal(lastZxid - 1, reader.ReadAll().Last().Zxid);
            reader.TornTail!.Truncate();
        }

        await using var zk = await ZooKeeperRuns.StartAsync(dataDir);
        var seen = await Kazoo.RunAsync("""
zk = connect(hosts)
zk.create('/after', b'a')
print(json.dumps(walk(zk, '/after')))
zk.stop()
""", zk.ConnectString);
        // The torn closeSession's zxid goes to the kazoo session's createSession; its create comes next.
        Assert.Equal(lastZxid + 1, seen.GetProperty("/after").GetProperty("stat")[0].GetInt64());
        Assert.DoesNotContain("not matching", zk.Output, StringComparison.Ordinal);
    }

    private sealed class Model(TreeModel tree)
    {
        public TreeModel Tree { get; } = tree;

        public long SnapshotDigest { get; set; }

        public IEnumerable<string> Paths => Tree.Paths;

        public (byte[]? Data, long AclRef, StatPersisted Stat) this[string path] => Tree[path];
    }

    private static (Model Model, long LastZxid) WriteDataDir(string dataDir, SnapshotCompression compression, long? corruptDigestAt)
    {
        var snapLog = new FileTxnSnapLog(dataDir);
        var tree = new TreeModel();
        var model = new Model(tree);
        tree.Acls[2] = [new Acl(Perms.Read, Id.AnyoneIdUnsafe), new Acl(Perms.All, new Id("digest", "user:2Om+GBbT2q/tS6pdvACZbbm7/1A="))];
        tree.Create("/base", "b"u8.ToArray(), -1, 1, Time, 0, tree.NextParentCVersion("/base"));
        tree.Create("/secret", null, 2, 2, Time, 0, tree.NextParentCVersion("/secret"));
        tree.Create("/e0", "eph"u8.ToArray(), -1, 3, Time, EphemeralSession, tree.NextParentCVersion("/e0"));
        model.SnapshotDigest = tree.Digest;
        tree.WriteSnapshot(snapLog.SnapDir, SnapshotZxid, compression, [new(EphemeralSession, 30000)],
            new SnapshotDigest(SnapshotZxid, SnapshotDigest.CurrentVersion, tree.Digest));

        using var log = snapLog.CreateTxnLog(new TxnLogOptions { PreAllocSize = 64 * 1024 });
        var zxid = SnapshotZxid;
        TxnHeader Header(OpCode type) => new(Session, (int)(zxid - SnapshotZxid), ++zxid, Time + zxid, (int)type);
        TxnDigest Digest() => new(2, corruptDigestAt == zxid ? tree.Digest + 1 : tree.Digest);

        var header = Header(OpCode.CreateSession);
        log.Append(header, new CreateSessionTxn(30000), Digest());
        log.Commit();

        header = Header(OpCode.Create);
        var create = new CreateTxn("/x", "hello"u8.ToArray(), Acl.OpenAclUnsafe, false, tree.NextParentCVersion("/x"));
        tree.Create(create.Path, create.Data, -1, header.Zxid, header.Time, 0, create.ParentCVersion);
        log.Append(header, create, Digest());

        header = Header(OpCode.Create2);
        create = new CreateTxn("/x/y", [], Acl.OpenAclUnsafe, false, tree.NextParentCVersion("/x/y"));
        tree.Create(create.Path, create.Data, -1, header.Zxid, header.Time, 0, create.ParentCVersion);
        log.Append(header, create, Digest());
        log.Commit();

        header = Header(OpCode.SetData);
        tree.SetData("/x", "world"u8.ToArray(), 1, header.Zxid, header.Time);
        log.Append(header, new SetDataTxn("/x", "world"u8.ToArray(), 1), Digest());

        // A roll in the middle: the rest goes to log.<next zxid>, and ZooKeeper must read across both files.
        log.RollLog();
        header = Header(OpCode.Multi);
        var multiCreate = new CreateTxn("/m", "multi"u8.ToArray(), Acl.OpenAclUnsafe, false, tree.NextParentCVersion("/m"));
        tree.Create(multiCreate.Path, multiCreate.Data, -1, header.Zxid, header.Time, 0, multiCreate.ParentCVersion);
        tree.SetData("/base", "b2"u8.ToArray(), 1, header.Zxid, header.Time);
        var multi = new MultiOps(
        [
            new TxnOp((int)OpCode.Create, multiCreate),
            new TxnOp((int)OpCode.SetData, new SetDataTxn("/base", "b2"u8.ToArray(), 1)),
            new TxnOp((int)OpCode.Check, new CheckVersionTxn("/x", 2)),
        ]);
        log.Append(header, multi, Digest());

        header = Header(OpCode.CloseSession);
        log.Append(header, new CloseSessionTxn([]), Digest());
        var commit = log.Commit();
        Assert.Equal(zxid, commit.LastZxid);
        Assert.Equal(2, TxnLogFiles.List(snapLog.LogDir).Count);
        return (model, zxid);
    }
}
