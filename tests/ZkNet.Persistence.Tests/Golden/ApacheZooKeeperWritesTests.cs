using System.Security.Cryptography;
using System.Text.Json;
using ZkNet.Persistence.DataDir;
using ZkNet.Persistence.Snapshots;
using ZkNet.Persistence.TxnLog;
using ZkNet.Persistence.Tests.Support;
using ZkNet.Persistence.Txns;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Server.Txn;
using ZkNet.TestSupport;

namespace ZkNet.Persistence.Tests.Golden;

/// <summary>
/// Golden compatibility: Apache ZooKeeper 3.8 writes a data directory (snapCount 10, so several logs and
/// snapshots), and everything in it must read back with our code exactly as a client saw the tree.
/// </summary>
public sealed class ApacheZooKeeperWritesTests
{
    private static readonly Dictionary<string, string> Config = new()
    {
        ["snapCount"] = "10",
        // zookeeper.preAllocSize in KiB: small files, so the zero-filled tail is exercised at a glance.
        ["preAllocSize"] = "64",
    };

    [Fact]
    public async Task Every_txn_and_snapshot_Apache_ZooKeeper_wrote_reads_back_as_its_client_saw_the_tree()
    {
        using var dir = new TempDir();
        var dataDir = dir.Combine("data");
        JsonElement seen;
        await using (var zk = await ZooKeeperRuns.StartAsync(dataDir, Config))
        {
            seen = await Kazoo.RunAsync(KazooWorkload.EveryTxnType, zk.ConnectString);
            await zk.KillAsync();
        }
        // On startup ZooKeeper replays the log and snapshots at the last zxid: that snapshot holds the final tree.
        await using (var zk = await ZooKeeperRuns.StartAsync(dataDir, Config))
        {
            await zk.KillAsync();
        }

        var snapLog = new FileTxnSnapLog(dataDir);
        Assert.True(TxnLogFiles.List(snapLog.LogDir).Count > 1, "snapCount 10 should have rolled the log");
        var entries = new List<TxnLogEntry>();
        var ends = new Dictionary<string, long>();
        using (var reader = snapLog.ReadLog(0))
        {
            while (reader.MoveNext())
            {
                entries.Add(reader.Current.Entry);
                Assert.Equal(reader.Current.Payload.ToArray(), TxnSerializer.Serialize(reader.Current.Entry));
                ends[reader.Current.File] = reader.Current.Offset + reader.Current.Length;
            }
            Assert.Null(reader.TornTail);
        }
        CheckTxns(entries, seen);
        CheckOurLogIsIdentical(entries, ends);

        var snapshots = snapLog.ListSnapshots();
        Assert.True(snapshots.Count > 2);
        foreach (var file in snapshots)
        {
            // Written back in the order it was read, every snapshot comes out byte for byte as ZooKeeper wrote it.
            var any = SnapshotModel.Read(file.Path);
            Assert.Equal(new FileHeader(FileHeader.SnapshotMagic, 2, -1), any.Header);
            Assert.Equal(File.ReadAllBytes(file.Path), Rewrite(any));
        }
        Assert.Equal(entries[^1].Zxid, snapshots[0].Zxid);
        var snapshot = SnapshotModel.Read(snapshots[0].Path);
        CheckTree(snapshot, seen.GetProperty("tree"));

        var sessions = snapshot.Sessions.ToDictionary();
        Assert.Equal(10000, sessions[seen.GetProperty("open").GetInt64()]);
        Assert.False(sessions.ContainsKey(seen.GetProperty("closed").GetInt64()));

        // Our digest of the tree must be the one ZooKeeper recorded, both in the snapshot and after the last txn.
        var treeDigest = snapshot.TreeDigest();
        // ZooKeeper writes the "none" trailer (zxid 0) when no digest was logged yet for the snapshot's zxid, which
        // depends on timing; when it did record one, it must be ours. The txn digest below always checks our value.
        if (snapshot.Digest is { Zxid: not 0 })
        {
            Assert.Equal(new SnapshotDigest(entries[^1].Zxid, 2, treeDigest), snapshot.Digest);
        }
        Assert.Equal(new TxnDigest(2, treeDigest), entries[^1].Digest);
    }

    private static void CheckTxns(List<TxnLogEntry> entries, JsonElement seen)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            Assert.Equal(i + 1, entries[i].Zxid);
            // ZooKeeper 3.8 logs a digest after every txn except a failed request's error txn.
            Assert.True(entries[i].Digest is not null == (entries[i].Type != (int)OpCode.Error), $"digest presence on {entries[i]}");
        }
        var types = entries.Select(e => (OpCode)e.Type).ToHashSet();
        OpCode[] expected =
        [
            OpCode.CreateSession, OpCode.CloseSession, OpCode.Create, OpCode.Create2, OpCode.CreateContainer,
            OpCode.DeleteContainer, OpCode.CreateTtl, OpCode.Delete, OpCode.SetData, OpCode.SetAcl, OpCode.Multi, OpCode.Error,
        ];
        Assert.All(expected, t => Assert.Contains(t, types));

        var closed = seen.GetProperty("closed").GetInt64();
        Assert.Contains(entries, e => e.Type == (int)OpCode.CreateSession && e.Header.ClientId == closed
            && e.Record is CreateSessionTxn { TimeOut: 10000 });
        var close = Assert.Single(entries, e => e.Type == (int)OpCode.CloseSession && e.Header.ClientId == closed);
        Assert.Equal(["/p/eph"], Assert.IsType<CloseSessionTxn>(close.Record).Paths2Delete);

        var create = Assert.IsType<CreateTxn>(entries.Single(e => e.Record is CreateTxn { Path: "/p" }).Record);
        Assert.Equal("d1"u8.ToArray(), create.Data);
        Assert.Equal(Acl.OpenAclUnsafe, create.Acl);
        Assert.False(create.Ephemeral);
        Assert.Contains(entries, e => e.Type == (int)OpCode.Create2 && e.Record is CreateTxn { Path: "/p/c2" });
        Assert.Contains(entries, e => e.Record is CreateTxn { Path: "/p/eph", Ephemeral: true });
        Assert.Contains(entries, e => e.Record is CreateTxn { Path: "/p/nulldata", Data: null });
        Assert.Contains(entries, e => e.Record is CreateContainerTxn { Path: "/cont" });
        Assert.Contains(entries, e => e.Type == (int)OpCode.DeleteContainer && e.Record is DeleteTxn { Path: "/cont" });
        Assert.Contains(entries, e => e.Record is CreateTtlTxn { Path: "/ttl", Ttl: 3600000 });
        Assert.Contains(entries, e => e.Type == (int)OpCode.Delete && e.Record is DeleteTxn { Path: var p } && p == seen.GetProperty("seq").GetString());
        var set = Assert.IsType<SetDataTxn>(entries.Single(e => e.Record is SetDataTxn { Path: "/p", Version: 1 }).Record);
        Assert.Equal("d2"u8.ToArray(), set.Data);
        var setAcl = Assert.IsType<SetAclTxn>(entries.Single(e => e.Type == (int)OpCode.SetAcl).Record);
        Assert.Equal("/p/c2", setAcl.Path);
        Assert.Equal(
            [new Acl(Perms.All, new Id("digest", "user:" + Convert.ToBase64String(SHA1.HashData("user:pw"u8)))), new Acl(Perms.Read, Id.AnyoneIdUnsafe)],
            setAcl.Acl);
        var error = Assert.IsType<ErrorTxn>(entries.Single(e => e.Type == (int)OpCode.Error).Record);
        Assert.Equal((int)ErrorCode.NodeExists, error.Err);

        var multis = entries.Where(e => e.Type == (int)OpCode.Multi)
            .Select(e => MultiOps.FromMultiTxn(Assert.IsType<MultiTxn>(e.Record)).Ops).ToList();
        Assert.Equal(2, multis.Count);
        Assert.Equal([OpCode.Create, OpCode.SetData, OpCode.Check, OpCode.Delete], multis[0].Select(s => (OpCode)s.Type));
        // Prep logs a check as checkAndIncVersion does for setData: the matched version plus one.
        Assert.Equal(new CheckVersionTxn("/p", 3), multis[0][2].Body);
        Assert.Equal(new DeleteTxn("/p/gone"), multis[0][3].Body);
        // A failed multi keeps the ops before the failing one as they were prepared; DataTree applies none of
        // them once it sees an error sub-txn.
        Assert.Equal([OpCode.Create, OpCode.Error], multis[1].Select(s => (OpCode)s.Type));
        Assert.Equal((int)ErrorCode.BadVersion, Assert.IsType<ErrorTxn>(multis[1][1].Body).Err);
    }

    private static void CheckTree(SnapshotModel snapshot, JsonElement tree)
    {
        var byPath = snapshot.Nodes.ToDictionary(n => n.Path);
        var expectedPaths = tree.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(expectedPaths, byPath.Keys.Order(StringComparer.Ordinal));
        foreach (var property in tree.EnumerateObject())
        {
            var node = byPath[property.Name];
            var data = property.Value.GetProperty("data");
            Assert.Equal(data.ValueKind == JsonValueKind.Null ? null : Convert.FromBase64String(data.GetString()!), node.Data);
            // getACL hides a digest id's hash ("user:x") from a client without ADMIN on the node.
            var acl = property.Value.GetProperty("acl").EnumerateArray()
                .Select(a => new Acl(a[0].GetInt32(), new Id(a[1].GetString()!, a[2].GetString()!)));
            Assert.Equal(acl, snapshot.AclOf(node).Select(a =>
                a.Id.Scheme == "digest" ? a with { Id = a.Id with { Identity = a.Id.Identity.Split(':')[0] + ":x" } } : a));
            var stat = property.Value.GetProperty("stat").EnumerateArray().Select(v => v.GetInt64()).ToArray();
            var s = node.Stat;
            var numChildren = snapshot.Nodes.Count(n => n.Path != "/" && ParentOf(n.Path) == node.Path);
            // What a client sees is derived (DataNode.copyStat): the persisted cversion counts creates only, and
            // clients get creates plus deletes, 2 * cversion - numChildren; container and TTL markers read as 0.
            var clientOwner = s.EphemeralOwner == long.MinValue || (s.EphemeralOwner >> 56) == -1 ? 0 : s.EphemeralOwner;
            Assert.Equal(stat,
                (long[])[s.Czxid, s.Mzxid, s.Ctime, s.Mtime, s.Version, 2L * s.Cversion - numChildren, s.Aversion, clientOwner,
                 node.Data?.Length ?? 0, numChildren, s.Pzxid]);
        }
        Assert.Equal(unchecked((long)0xFF00000000000000) | 3600000, byPath["/ttl"].Stat.EphemeralOwner);
        Assert.Null(byPath["/p/nulldata"].Data);
    }

    /// <summary>Our writer, rolled where ZooKeeper rolled, writes the same files up to the zero-filled tail.</summary>
    private static void CheckOurLogIsIdentical(List<TxnLogEntry> entries, Dictionary<string, long> ends)
    {
        using var ours = new TempDir();
        var starts = ends.Keys.Select(f => TxnLogFiles.GetZxidFromName(Path.GetFileName(f), TxnLogFiles.Prefix)).ToHashSet();
        using (var log = new FileTxnLog(ours.Path, new TxnLogOptions { PreAllocSize = 64 * 1024 }))
        {
            foreach (var entry in entries)
            {
                if (starts.Contains(entry.Zxid))
                {
                    log.RollLog();
                }
                log.Append(entry);
            }
            log.Commit();
        }
        foreach (var (file, end) in ends)
        {
            var mine = File.ReadAllBytes(Path.Combine(ours.Path, Path.GetFileName(file)));
            Assert.Equal(File.ReadAllBytes(file)[..(int)end], mine[..(int)end]);
            Assert.All(mine[(int)end..], b => Assert.Equal(0, b));
        }
    }

    private static byte[] Rewrite(SnapshotModel snapshot)
    {
        var output = new MemoryStream();
        using (var writer = new SnapshotWriter(output, SnapshotCompression.None, leaveOpen: true))
        {
            writer.WriteSessions(snapshot.Sessions);
            writer.WriteAclCache(snapshot.Acls.ToList());
            foreach (var node in snapshot.Nodes)
            {
                writer.WriteNode(node.Path, node.Data, node.AclRef, node.Stat);
            }
            writer.Complete(snapshot.Digest);
        }
        return output.ToArray();
    }

    private static string ParentOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash == 0 ? "/" : path[..slash];
    }
}
