using ZkNet.Persistence.Checksums;
using ZkNet.Persistence.Txns;
using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;
using ZkNet.Server.Txn;

namespace ZkNet.Persistence.Tests.Txns;

public sealed class TxnSerializerTests
{
    /// <summary>The first record of a log Apache ZooKeeper 3.8 wrote here: a createSession with its digest.</summary>
    private static readonly byte[] ZooKeeperCreateSessionPayload = Convert.FromHexString(
        "0100 0005 b399 0000 0000 0000 0000 0000 0000 0001 0000 01a2 0013 be94 ffff fff6 0000 2710 0000 0002 0000 0000 51c6 d660".Replace(" ", "", StringComparison.Ordinal));

    public static TheoryData<int, IJuteRecord?> EveryTxnType() => new()
    {
        { (int)OpCode.CreateSession, new CreateSessionTxn(30000) },
        { (int)OpCode.CloseSession, new CloseSessionTxn(["/a", "/b/c"]) },
        { (int)OpCode.CloseSession, new CloseSessionTxn([]) },
        { (int)OpCode.Create, new CreateTxn("/a", [1, 2, 3], Acl.OpenAclUnsafe, true, 4) },
        { (int)OpCode.Create2, new CreateTxn("/b", null, Acl.CreatorAllAcl, false, 1) },
        { (int)OpCode.CreateContainer, new CreateContainerTxn("/c", [], Acl.ReadAclUnsafe, 2) },
        { (int)OpCode.CreateTtl, new CreateTtlTxn("/t", [9], Acl.OpenAclUnsafe, 3, 60_000) },
        { (int)OpCode.Delete, new DeleteTxn("/a") },
        { (int)OpCode.DeleteContainer, new DeleteTxn("/c") },
        { (int)OpCode.SetData, new SetDataTxn("/a", [7], 5) },
        { (int)OpCode.Reconfig, new SetDataTxn("/zookeeper/config", [1], 2) },
        { (int)OpCode.SetAcl, new SetAclTxn("/a", [new Acl(Perms.Read, new Id("ip", "127.0.0.1"))], 1) },
        { (int)OpCode.Error, new ErrorTxn((int)ErrorCode.NodeExists) },
        {
            (int)OpCode.Multi, new MultiOps(
            [
                new TxnOp((int)OpCode.Create, new CreateTxn("/m", [1], Acl.OpenAclUnsafe, false, 1)),
                new TxnOp((int)OpCode.CreateTtl, new CreateTtlTxn("/mt", [], Acl.OpenAclUnsafe, 2, 5)),
                new TxnOp((int)OpCode.SetData, new SetDataTxn("/m", [2], 1)),
                new TxnOp((int)OpCode.Check, new CheckVersionTxn("/m", 2)),
                new TxnOp((int)OpCode.Delete, new DeleteTxn("/m")),
                new TxnOp((int)OpCode.Error, new ErrorTxn(0)),
            ])
        },
    };

    [Theory]
    [MemberData(nameof(EveryTxnType))]
    public void Every_txn_type_round_trips_with_and_without_a_digest(int type, IJuteRecord? record)
    {
        foreach (var digest in new TxnDigest?[] { null, new TxnDigest(2, -1234567890123) })
        {
            var entry = new TxnLogEntry(new TxnHeader(0x1234, 7, 42, 1_700_000_000_000, type), record, digest);
            var bytes = TxnSerializer.Serialize(entry);
            var back = TxnSerializer.Deserialize(bytes);
            Assert.Equal(entry.Header, back.Header);
            Assert.Equal(digest, back.Digest);
            // The server logs a multi as typed operations; the log reads it back as ZooKeeper's MultiTxn.
            Assert.Equal(record is MultiOps ? typeof(MultiTxn) : record?.GetType(), back.Record?.GetType());
            Assert.Equal(bytes, TxnSerializer.Serialize(back));
        }
    }

    [Fact]
    public void A_logged_multi_expands_back_into_its_typed_operations()
    {
        var ops = new TxnOp[]
        {
            new((int)OpCode.Create, new CreateTxn("/m", [1], Acl.OpenAclUnsafe, false, 1)),
            new((int)OpCode.Check, new CheckVersionTxn("/m", 2)),
            new((int)OpCode.Error, new ErrorTxn((int)ErrorCode.BadVersion)),
        };
        var entry = new TxnLogEntry(new TxnHeader(1, 2, 3, 4, (int)OpCode.Multi), new MultiOps(ops), null);
        var logged = Assert.IsType<MultiTxn>(TxnSerializer.Deserialize(TxnSerializer.Serialize(entry)).Record);
        var expanded = MultiOps.FromMultiTxn(logged).Ops;
        Assert.Equal(ops.Select(o => o.Type), expanded.Select(o => o.Type));
        Assert.Equal(ops[1].Body, expanded[1].Body);
        Assert.Equal(ops[2].Body, expanded[2].Body);
        Assert.Equal("/m", Assert.IsType<CreateTxn>(expanded[0].Body).Path);
    }

    [Fact]
    public void The_createSession_record_Apache_ZooKeeper_logged_decodes_and_its_checksum_is_the_one_on_disk()
    {
        var entry = TxnSerializer.Deserialize(ZooKeeperCreateSessionPayload);
        Assert.Equal(new TxnHeader(0x0100_0005_b399_0000, 0, 1, 0x1a2_0013_be94, (int)OpCode.CreateSession), entry.Header);
        Assert.Equal(new CreateSessionTxn(10000), entry.Record);
        Assert.Equal(new TxnDigest(2, 0x51c6d660), entry.Digest);
        Assert.Equal(0xb9b109d5, Adler32.Compute(ZooKeeperCreateSessionPayload));
        Assert.Equal(ZooKeeperCreateSessionPayload, TxnSerializer.Serialize(entry));
    }

    [Fact]
    public void A_closeSession_without_a_body_from_before_3_6_decodes_with_no_record()
    {
        var header = new TxnHeader(1, 2, 3, 4, (int)OpCode.CloseSession);
        Assert.Null(TxnSerializer.Deserialize(TxnSerializer.Serialize(new TxnLogEntry(header, null, null))).Record);
        var withDigest = TxnSerializer.Deserialize(TxnSerializer.Serialize(new TxnLogEntry(header, null, new TxnDigest(2, 99))));
        Assert.Null(withDigest.Record);
        Assert.Equal(new TxnDigest(2, 99), withDigest.Digest);
    }

    [Fact]
    public void A_version_0_create_without_parentCVersion_reads_with_parentCVersion_minus_one()
    {
        using var buffer = new ZkNet.Protocol.Framing.FrameBuffer();
        var writer = new JuteWriter(buffer);
        new TxnHeader(1, 2, 3, 4, (int)OpCode.Create).Serialize(writer);
        writer.WriteString("/old");
        writer.WriteBuffer([5]);
        Acl.WriteVector(writer, Acl.OpenAclUnsafe);
        writer.WriteBool(false);
        var create = Assert.IsType<CreateTxn>(TxnSerializer.Deserialize(buffer.ToArray()).Record);
        Assert.Equal(("/old", -1), (create.Path, create.ParentCVersion));
    }

    [Fact]
    public void An_unknown_txn_type_is_rejected()
    {
        var bytes = TxnSerializer.Serialize(new TxnLogEntry(new TxnHeader(1, 2, 3, 4, 99), null, null));
        Assert.Throws<JuteException>(() => TxnSerializer.Deserialize(bytes));
    }
}
