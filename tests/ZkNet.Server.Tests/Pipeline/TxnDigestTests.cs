using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Server.Pipeline;
using ZkNet.Server.Txn;
using Tree = ZkNet.Server.DataTree.DataTree;

namespace ZkNet.Server.Tests.Pipeline;

/// <summary>
/// The tree digest each txn is logged with is computed in Prep, before the txn is applied (ZooKeeper precalculates it
/// the same way): replaying the log must reach exactly that digest after every txn, also when many txns are in flight
/// and each builds on the state the ones before it will leave.
/// </summary>
public sealed class TxnDigestTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Every_logged_digest_is_the_tree_digest_once_its_txn_is_applied_even_with_txns_in_flight()
    {
        var log = new GatedTxnLog();
        var server = new ZooKeeperServer(new ZooKeeperServerOptions { ExtendedTypesEnabled = true }, log);
        server.Start();
        await using (server)
        {
            var owner = await TestClient.ConnectAsync(server);
            var client = await TestClient.ConnectAsync(server);
            Assert.Equal(0, (await client.CreateAsync("/a", "base")).Header.Err);
            Assert.Equal(0, (await owner.CreateAsync("/a/eph", "e", CreateMode.Ephemeral)).Header.Err);

            // Held in flight: every txn below is prepared against the outstanding changes of the ones before it.
            log.Close();
            var xids = new List<int>();
            Task Send(OpCode op, Protocol.Jute.IJuteRecord record) => SendAsync(client, xids, op, record);
            byte[] Bytes(string s) => System.Text.Encoding.UTF8.GetBytes(s);
            await Send(OpCode.Create, new CreateRequest("/p", Bytes("one"), Acl.OpenAclUnsafe, 0));
            await Send(OpCode.Create, new CreateRequest("/p/s-", Bytes("seq"), Acl.OpenAclUnsafe, (int)CreateMode.PersistentSequential));
            await Send(OpCode.SetData, new SetDataRequest("/p", Bytes("two"), -1));
            await Send(OpCode.SetData, new SetDataRequest("/p", null, 1));
            await Send(OpCode.SetAcl, new SetAclRequest("/p", Acl.ReadAclUnsafe.Concat([new Acl(Perms.All, Id.AnyoneIdUnsafe)]).ToList(), -1));
            await Send(OpCode.Create, new CreateRequest("/p/d", [], Acl.OpenAclUnsafe, 0));
            await Send(OpCode.Delete, new DeleteRequest("/p/d", -1));
            await Send(OpCode.Multi, new MultiRequest([
                new MultiOp(OpCode.Create, new CreateRequest("/p/m", Bytes("m"), Acl.OpenAclUnsafe, 0)),
                new MultiOp(OpCode.SetData, new SetDataRequest("/p/m", Bytes("m2"), 0)),
                new MultiOp(OpCode.Check, new CheckVersionRequest("/p", 2)),
                new MultiOp(OpCode.Delete, new DeleteRequest("/a/eph", -1)),
            ]));
            // A failed multi and a failed create change nothing: the first keeps the digest, the second logs none.
            await Send(OpCode.Multi, new MultiRequest([
                new MultiOp(OpCode.Create, new CreateRequest("/p/x", [], Acl.OpenAclUnsafe, 0)),
                new MultiOp(OpCode.Delete, new DeleteRequest("/missing", -1)),
            ]));
            await Send(OpCode.Create, new CreateRequest("/p", [], Acl.OpenAclUnsafe, 0));
            await Send(OpCode.CreateContainer, new CreateRequest("/c", [], Acl.OpenAclUnsafe, (int)CreateMode.Container));
            await Send(OpCode.CreateTtl, new CreateTtlRequest("/t", Bytes("ttl"), Acl.OpenAclUnsafe, (int)CreateMode.PersistentWithTtl, 60_000));
            await Send(OpCode.Create, new CreateRequest("/a/eph2", [], Acl.OpenAclUnsafe, 0));
            var close = await owner.SendAsync(OpCode.CloseSession);
            log.Open();
            foreach (var xid in xids)
            {
                await client.ReplyToAsync(xid).WaitAsync(Bound);
            }
            await owner.ReplyToAsync(close).WaitAsync(Bound);

            var txns = log.Txns;
            Assert.Contains(txns, t => t.Header.Type == (int)OpCode.Error);
            Assert.Contains(txns, t => t.Header.Type == (int)OpCode.CloseSession);
            var replayed = AssertLoggedDigests(txns);
            Assert.Equal(server.Tree.TreeDigest, replayed.TreeDigest);
            Assert.Equal(0, server.Metrics.Counter("digest_mismatches_count").Value);
        }
    }

    [Fact]
    public async Task With_digests_off_no_digest_is_logged()
    {
        var log = new GatedTxnLog();
        var server = new ZooKeeperServer(new ZooKeeperServerOptions { DigestEnabled = false }, log);
        server.Start();
        await using (server)
        {
            var client = await TestClient.ConnectAsync(server);
            Assert.Equal(0, (await client.CreateAsync("/a", "x")).Header.Err);
            Assert.Equal(0, (await client.SetDataAsync("/a", "y")).Header.Err);
            Assert.NotEmpty(log.Txns);
            Assert.All(log.Txns, t => Assert.Null(t.Digest));
        }
    }

    [Fact]
    public async Task A_node_changed_behind_the_logs_back_is_reported_as_a_digest_mismatch_when_the_txn_is_applied()
    {
        var log = new GatedTxnLog();
        var server = new ZooKeeperServer(new ZooKeeperServerOptions(), log);
        server.Start();
        await using (server)
        {
            var client = await TestClient.ConnectAsync(server);
            Assert.Equal(0, (await client.CreateAsync("/a", "x")).Header.Err);
            log.Close();
            var logged = log.Txns.Count;
            var xid = await client.SendAsync(OpCode.SetData, new SetDataRequest("/a", "y"u8.ToArray(), -1));
            var deadline = DateTime.UtcNow + Bound;
            while (log.Txns.Count == logged)
            {
                Assert.True(DateTime.UtcNow < deadline, "the setData never reached the log");
                await Task.Delay(5);
            }
            // The digest logged with the setData took /a as it was; the tree now holds something else.
            server.Tree.GetNode("/a")!.Data = "tampered"u8.ToArray();
            log.Open();
            Assert.Equal(0, (await client.ReplyToAsync(xid).WaitAsync(Bound)).Header.Err);
            Assert.Equal(1, server.Metrics.Counter("digest_mismatches_count").Value);
        }
    }

    /// <summary>
    /// Replays <paramref name="txns"/> from an empty tree and checks the digest logged with each: the tree's digest
    /// after it, or none for an error txn. Returns the tree replayed.
    /// </summary>
    internal static Tree AssertLoggedDigests(IReadOnlyList<LoggedTxn> txns)
    {
        var tree = new Tree(extendedTypesEnabled: true);
        var sessions = new Dictionary<long, int>();
        foreach (var txn in txns)
        {
            TxnReplayer.Apply(tree, sessions, txn.Header, txn.Body);
            if (txn.Header.Type == (int)OpCode.Error)
            {
                Assert.Null(txn.Digest);
            }
            else
            {
                Assert.True(txn.Digest == tree.TreeDigest, $"txn 0x{txn.Header.Zxid:x} (type {txn.Header.Type}) logged {txn.Digest}, the tree has {tree.TreeDigest}");
            }
        }
        return tree;
    }

    private static async Task SendAsync(TestClient client, List<int> xids, OpCode op, Protocol.Jute.IJuteRecord record) =>
        xids.Add(await client.SendAsync(op, record));
}
