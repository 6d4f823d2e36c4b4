using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Server.DataTree;
using ZkNet.Server.Pipeline;
using ZkNet.Server.Txn;
using Tree = ZkNet.Server.DataTree.DataTree;

namespace ZkNet.Server.Tests.Pipeline;

/// <summary>
/// Snapshots are written by their own thread while the processor goes on changing the tree. Whatever instant each
/// node was captured at, loading the snapshot and replaying the logged txns after its zxid must give exactly the
/// tree the server ended with: every path, every byte of data, every Stat field and every ACL.
/// </summary>
public sealed class ConcurrentSnapshotTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Every_snapshot_taken_under_concurrent_writes_plus_the_log_after_it_rebuilds_the_final_tree()
    {
        var log = new RecordingTxnLog();
        var store = new MemorySnapshotStore(yieldEveryNodes: 7);
        var server = new ZooKeeperServer(new ZooKeeperServerOptions { SnapCount = 100, RandomSeed = 7 }, log)
        {
            SnapshotStore = store,
        };
        server.Start();
        await using (server)
        {
            // Writers go on until a few snapshots have completed (how many walks fit in a given number of writes
            // depends on the machine's load), with a cap on the writes in case none ever completes.
            var writers = Enumerable.Range(0, 4).Select(i => WriteAsync(server, i, () => store.Completed.Count >= 3)).ToArray();
            await Task.WhenAll(writers).WaitAsync(Bound);
            // The last snapshot may still be walking; the walk wakes the processor, which then completes it.
            await store.IdleAsync().WaitAsync(Bound);

            Assert.True(store.Completed.Count >= 3, $"only {store.Completed.Count} snapshots were completed");
            // The walks really ran alongside the writes: some node was captured with a change after its snapshot's zxid.
            Assert.Contains(store.Completed, s => s.Nodes.Any(n => n.Image.Mzxid > s.Zxid || n.Image.Pzxid > s.Zxid));
            var expected = Describe(server.Tree);
            foreach (var snapshot in store.Completed)
            {
                var rebuilt = Rebuild(snapshot, log.Txns);
                Assert.Equal(expected, Describe(rebuilt));
                // The snapshot's digest belongs to the last txn applied when its walk ended: replaying up to that one
                // over the fuzzy image reaches it (what ZooKeeper checks when it loads the snapshot).
                var digest = Assert.IsType<ZxidDigest>(snapshot.Digest);
                Assert.True(digest.Zxid >= snapshot.Zxid, $"digest zxid 0x{digest.Zxid:x} before the snapshot's 0x{snapshot.Zxid:x}");
                Assert.Equal(digest.Digest, Rebuild(snapshot, log.Txns, upTo: digest.Zxid).TreeDigest);
            }
            // Four writers kept many txns in flight: every digest precalculated for the log is the applied tree's.
            TxnDigestTests.AssertLoggedDigests(log.Txns);
            Assert.Equal(0, server.Metrics.Counter("digest_mismatches_count").Value);
        }
    }

    [Fact]
    public async Task Stopping_the_server_during_a_walk_abandons_the_unfinished_snapshot()
    {
        var log = new RecordingTxnLog();
        var store = new MemorySnapshotStore(yieldEveryNodes: 1) { HoldWalk = new SemaphoreSlim(0) };
        var server = new ZooKeeperServer(new ZooKeeperServerOptions { SnapCount = 10, RandomSeed = 3 }, log)
        {
            SnapshotStore = store,
        };
        server.Start();
        var client = await TestClient.ConnectAsync(server);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(0, (await client.CreateAsync($"/n{i}")).Header.Err);
        }
        await store.Started.WaitAsync(Bound);

        var stopping = server.DisposeAsync().AsTask();
        store.HoldWalk.Release();
        await stopping.WaitAsync(Bound);

        Assert.Empty(store.Completed);
        Assert.Equal(1, store.Abandoned);
    }

    [Fact]
    public async Task An_on_demand_snapshot_lets_writes_go_on_during_its_walk_and_records_the_digest_at_its_end()
    {
        var log = new RecordingTxnLog();
        var server = new ZooKeeperServer(new ZooKeeperServerOptions { RandomSeed = 3 }, log);
        server.Start();
        await using (server)
        {
            var client = await TestClient.ConnectAsync(server);
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(0, (await client.CreateAsync($"/n{i}")).Header.Err);
            }
            var store = new MemorySnapshotStore(yieldEveryNodes: 1) { HoldWalk = new SemaphoreSlim(0) };

            var snapshot = server.WriteSnapshotWhileServingAsync(store);
            await store.Started.WaitAsync(Bound);
            // The walk is held after its first node: a write is still answered (the admin snapshot command stalled
            // every request while it wrote before).
            var write = await client.CreateAsync("/during").WaitAsync(Bound);
            Assert.Equal(0, write.Header.Err);
            Assert.False(snapshot.IsCompleted);
            store.HoldWalk.Release();
            var zxid = await snapshot.WaitAsync(Bound);

            var taken = Assert.Single(store.Completed);
            Assert.Equal(zxid, taken.Zxid);
            Assert.True(write.Header.Zxid > zxid, "the snapshot's zxid is the one applied when it began");
            Assert.Equal(write.Header.Zxid, taken.Digest!.Value.Zxid);
            Assert.Equal(Rebuild(taken, log.Txns).TreeDigest, taken.Digest.Value.Digest);
        }
    }

    private static async Task WriteAsync(ZooKeeperServer server, int writer, Func<bool> enough)
    {
        var client = await TestClient.ConnectAsync(server);
        var root = $"/w{writer}";
        Assert.Equal(0, (await client.CreateAsync(root)).Header.Err);
        var acls = new[]
        {
            Acl.OpenAclUnsafe,
            Acl.ReadAclUnsafe,
            [new Acl(Perms.All, new Id("ip", $"127.0.0.{writer + 1}"))],
        };
        for (var i = 0; i < 600 || (i < 30_000 && !enough()); i++)
        {
            var path = $"{root}/n{i % 40}";
            // Each step changes the tree in a way replay has to get right over a fuzzy image: creates (with new ACL
            // lists, so ACL references are born during walks), data changes, ACL changes, deletes and multis.
            switch (i % 6)
            {
                case 0:
                    // Every third create brings an ACL list never seen before: a reference born during a walk.
                    await client.CreateAsync(path, $"c{i}",
                        acl: i % 18 == 0 ? [new Acl(Perms.All, new Id("ip", $"10.{writer}.{i / 256}.{i % 256}"))] : acls[i % 3]);
                    break;
                case 1:
                    await client.CreateAsync($"{path}/child", $"k{i}");
                    break;
                case 2:
                    await client.SetDataAsync(path, $"s{i}");
                    break;
                case 3:
                    await client.CallAsync(OpCode.SetAcl, new SetAclRequest(path,
                        [new Acl(Perms.Read | Perms.Write, new Id("ip", $"10.0.{writer}.{i % 7}"))], -1));
                    break;
                case 4:
                    await client.DeleteAsync($"{path}/child");
                    await client.CreateAsync($"{root}/seq-", $"q{i}", CreateMode.PersistentSequential);
                    break;
                default:
                    await client.CallAsync(OpCode.Multi, new MultiRequest([
                        new MultiOp(OpCode.Create, new CreateRequest($"{path}-m{i}", [], Acl.OpenAclUnsafe, 0)),
                        new MultiOp(OpCode.Delete, new DeleteRequest($"{path}/child", -1)),
                    ]));
                    await client.DeleteAsync($"{root}/n{(i + 20) % 40}");
                    break;
            }
        }
    }

    private static Tree Rebuild(MemorySnapshotStore.Snapshot snapshot, IReadOnlyList<LoggedTxn> txns, long upTo = long.MaxValue)
    {
        var tree = new Tree();
        foreach (var (reference, acl) in snapshot.Acls)
        {
            tree.AclCache.Restore(reference, acl);
        }
        foreach (var (path, image) in snapshot.Nodes)
        {
            tree.RestoreNode(path, new DataNode(image.Data, image.AclRef, image.Czxid, image.Ctime, image.EphemeralOwner)
            {
                Mzxid = image.Mzxid,
                Mtime = image.Mtime,
                Pzxid = image.Pzxid,
                Version = image.Version,
                Cversion = image.Cversion,
                Aversion = image.Aversion,
            });
        }
        var sessions = snapshot.Sessions.ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var txn in txns.Where(t => t.Header.Zxid > snapshot.Zxid && t.Header.Zxid <= upTo))
        {
            TxnReplayer.Apply(tree, sessions, txn.Header, txn.Body);
        }
        return tree;
    }

    /// <summary>One line per node: path, Stat, data and ACL, sorted by path.</summary>
    private static List<string> Describe(Tree tree) =>
        tree.Nodes
            .OrderBy(n => n.Key, StringComparer.Ordinal)
            .Select(n => $"{n.Key} {tree.StatOf(n.Value)} [{Convert.ToHexString(n.Value.Data ?? [])}] " +
                string.Join(",", tree.GetAcl(n.Value).Select(a => $"{a.Perms}:{a.Id.Scheme}:{a.Id.Identity}")))
            .ToList();

    /// <summary>A txn log that keeps every txn in memory and syncs at once.</summary>
    private sealed class RecordingTxnLog : ITxnLog
    {
        private readonly List<LoggedTxn> _txns = [];

        public IReadOnlyList<LoggedTxn> Txns
        {
            get
            {
                lock (_txns)
                {
                    return [.. _txns];
                }
            }
        }

        public long BytesSinceRoll => 0;

        public ValueTask AppendAndSyncAsync(IReadOnlyList<LoggedTxn> txns, bool rollFirst, CancellationToken cancellationToken)
        {
            lock (_txns)
            {
                _txns.AddRange(txns);
            }
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
