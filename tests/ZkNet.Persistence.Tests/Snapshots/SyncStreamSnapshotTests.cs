using ZkNet.Persistence;
using ZkNet.Persistence.Database;
using ZkNet.Persistence.Snapshots;
using ZkNet.Protocol.Records;

namespace ZkNet.Persistence.Tests.Snapshots;

/// <summary>
/// The snapshot a leader streams to a learner after SNAP: the file snapshot's sessions, ACL cache and nodes without
/// header, seals or digest, ending with "BenWasHere" (docs/quorum-protocol.md §4.5).
/// </summary>
public sealed class SyncStreamSnapshotTests
{
    [Fact]
    public void A_tree_streamed_for_a_sync_reads_back_whole_with_its_sessions()
    {
        var bytes = Write();

        var (tree, sessions) = ZkDatabase.ReadSyncSnapshot(new MemoryStream(bytes), extendedTypesEnabled: false);

        Assert.Equal(30_000, sessions[0x0100000000000001]);
        var node = tree.GetNode("/app/config");
        Assert.NotNull(node);
        Assert.Equal("v1"u8.ToArray(), node.Data);
        Assert.Equal(7, node.Version);
        Assert.Equal(Acl.OpenAclUnsafe, tree.GetAcl(node));
        // No file header: the stream starts with the session count.
        Assert.Equal([0, 0, 0, 1], bytes[..4]);
        Assert.EndsWith("BenWasHere", System.Text.Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void A_stream_without_the_signature_is_refused()
    {
        var bytes = Write();
        bytes[^1] = (byte)'X';

        Assert.Throws<SnapshotCorruptException>(() => ZkDatabase.ReadSyncSnapshot(new MemoryStream(bytes), extendedTypesEnabled: false));
        Assert.Throws<SnapshotCorruptException>(() => ZkDatabase.ReadSyncSnapshot(new MemoryStream(bytes[..^12]), extendedTypesEnabled: false));
    }

    [Fact]
    public void A_servers_tree_streamed_for_a_sync_loads_as_the_same_tree()
    {
        var tree = new ZkNet.Server.DataTree.DataTree(extendedTypesEnabled: false);
        tree.ProcessTxn(new TxnHeader(0x0100000000000001, 0, 0x100000001, 1000, (int)Protocol.OpCode.CreateSession), new CreateSessionTxn(30_000));
        tree.ProcessTxn(new TxnHeader(0, 1, 0x100000002, 1001, (int)Protocol.OpCode.Create), new CreateTxn("/app", "x"u8.ToArray(), Acl.OpenAclUnsafe, false, 1));
        tree.ProcessTxn(new TxnHeader(0x0100000000000001, 2, 0x100000003, 1002, (int)Protocol.OpCode.Create), new CreateTxn("/app/e", null, [new Acl(Protocol.Perms.All, new Id("digest", "u:h"))], true, 1));
        var server = new ZkNet.Server.Pipeline.ZooKeeperServer(new ZkNet.Server.ZooKeeperServerOptions(), tree: tree);
        server.RestoreSessions([new(0x0100000000000001, 30_000)]);
        using var stream = new MemoryStream();

        var zxid = server.WriteSnapshotTo(new SyncSnapshotStore(stream));
        stream.Position = 0;
        var (loaded, sessions) = ZkDatabase.ReadSyncSnapshot(stream, extendedTypesEnabled: false);

        Assert.Equal(0x100000003, zxid);
        Assert.Equal(30_000, sessions[0x0100000000000001]);
        Assert.Equal("x"u8.ToArray(), loaded.GetNode("/app")!.Data);
        Assert.Equal(0x0100000000000001, loaded.GetNode("/app/e")!.EphemeralOwner);
        Assert.Equal(tree.GetAcl(tree.GetNode("/app/e")!), loaded.GetAcl(loaded.GetNode("/app/e")!));
    }

    private static byte[] Write()
    {
        using var output = new MemoryStream();
        var writer = SnapshotWriter.ForSyncStream(output);
        writer.WriteSessions([new(0x0100000000000001, 30_000)]);
        writer.WriteAclCache([new(1, Acl.OpenAclUnsafe)]);
        writer.WriteNode("/", null, -1, new StatPersisted(0, 0, 0, 0, 0, 2, 0, 0, 0x100000002));
        writer.WriteNode("/app", null, 1, new StatPersisted(0x100000001, 0x100000001, 1000, 1000, 0, 1, 0, 0, 0x100000002));
        writer.WriteNode("/app/config", "v1"u8.ToArray(), 1, new StatPersisted(0x100000002, 0x100000009, 1001, 2000, 7, 0, 0, 0, 0x100000002));
        writer.Complete(null);
        return output.ToArray();
    }
}
