using System.Buffers;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Protocol.Tests.Golden;

/// <summary>
/// Quorum packets byte for byte as Apache ZooKeeper 3.8.0 members sent them to each other (captured on loopback;
/// docs/quorum-protocol.md §9.4-9.9).
/// </summary>
public sealed class GoldenQuorumPacketTests
{
    public static TheoryData<string, QuorumPacketType, long> Captured => new()
    {
        { "0000000b" + "0000000000000000" + "00000014" + "0000000000000001" + "00010000" + "0000000000000000" + "ffffffff", QuorumPacketType.FollowerInfo, 0 },
        { "00000011" + "0000000100000000" + "00000004" + "00010000" + "ffffffff", QuorumPacketType.LeaderInfo, 0x100000000 },
        { "00000012" + "0000000100000003" + "00000004" + "ffffffff" + "ffffffff", QuorumPacketType.AckEpoch, 0x100000003 },
        { "0000000d" + "0000000100000008" + "ffffffff" + "ffffffff", QuorumPacketType.Diff, 0x100000008 },
        { "00000003" + "0000000100000002" + "ffffffff" + "ffffffff", QuorumPacketType.Ack, 0x100000002 },
        { "00000004" + "0000000100000002" + "ffffffff" + "ffffffff", QuorumPacketType.Commit, 0x100000002 },
        { "0000000c" + "ffffffffffffffff" + "ffffffff" + "ffffffff", QuorumPacketType.UpToDate, -1 },
        { "00000005" + "0000000100000000" + "00000000" + "ffffffff", QuorumPacketType.Ping, 0x100000000 },
        { "00000005" + "0000000100000001" + "0000000c" + "0100000da1f60000" + "00007530" + "ffffffff", QuorumPacketType.Ping, 0x100000001 },
        { "00000006" + "ffffffffffffffff" + "00000009" + "0100000da1f60000" + "01" + "ffffffff", QuorumPacketType.Revalidate, -1 },
        { "00000010" + "0000000000000000" + "00000014" + "0000000000000004" + "00010000" + "0000000000000000" + "ffffffff", QuorumPacketType.ObserverInfo, 0 },
    };

    [Theory]
    [MemberData(nameof(Captured))]
    public void Captured_packets_decode_and_encode_back_to_the_same_bytes(string hex, QuorumPacketType type, long zxid)
    {
        var bytes = Convert.FromHexString(hex);
        var reader = new JuteReader(bytes);

        var packet = QuorumPacket.Deserialize(ref reader);

        Assert.Equal(0, reader.Remaining);
        Assert.Equal(type, packet.Type);
        Assert.Equal(zxid, packet.Zxid);
        Assert.Equal(hex, Encode(packet), ignoreCase: true);
    }

    [Fact]
    public void A_forwarded_create_carries_session_cxid_op_the_request_and_the_clients_ip_identity()
    {
        var hex = "00000001" + "ffffffffffffffff" + "00000043" +
            "0100000da1f60000" + "00000001" + "00000001" +
            "00000007" + "2f676f6c64656e" + "00000005" + "68656c6c6f" +
            "00000001" + "0000001f" + "00000005" + "776f726c64" + "00000006" + "616e796f6e65" + "00000000" +
            "00000001" + "00000002" + "6970" + "00000009" + "3132372e302e302e31";
        var reader = new JuteReader(Convert.FromHexString(hex));

        var packet = QuorumPacket.Deserialize(ref reader);

        Assert.Equal(QuorumPacketType.Request, packet.Type);
        Assert.Equal([new Id("ip", "127.0.0.1")], packet.AuthInfo);
        var body = new JuteReader(packet.Data);
        Assert.Equal(0x0100000da1f60000, body.ReadLong());
        Assert.Equal(1, body.ReadInt());
        Assert.Equal((int)OpCode.Create, body.ReadInt());
        var create = CreateRequest.Deserialize(ref body);
        Assert.Equal("/golden", create.Path);
        Assert.Equal(hex, Encode(packet), ignoreCase: true);
    }

    [Fact]
    public void A_proposal_holds_the_txn_header_the_txn_and_ZooKeepers_tree_digest()
    {
        var data = "0100000da1f60000" + "00000001" + "0000000100000002" + "000001a238281aca" + "00000001" +
            "00000007" + "2f676f6c64656e" + "00000005" + "68656c6c6f" + "00000001" + "0000001f" + "00000005" + "776f726c64" +
            "00000006" + "616e796f6e65" + "00" + "00000001" +
            "00000002" + "000000022e0d5b88";
        var reader = new JuteReader(Convert.FromHexString("00000002" + "0000000100000002" + "00000060" + data + "ffffffff"));

        var packet = QuorumPacket.Deserialize(ref reader);

        Assert.Equal(QuorumPacketType.Proposal, packet.Type);
        Assert.Equal(0x60, packet.Data!.Length);
        var txn = new JuteReader(packet.Data);
        var header = TxnHeader.Deserialize(ref txn);
        Assert.Equal(new TxnHeader(0x0100000da1f60000, 1, 0x100000002, 0x1a238281aca, (int)OpCode.Create), header);
        var create = CreateTxn.Deserialize(ref txn);
        Assert.Equal(("/golden", 1), (create.Path, create.ParentCVersion));
        Assert.Equal(new TxnDigest(2, 0x22e0d5b88), TxnDigest.Deserialize(ref txn));
    }

    [Theory]
    [InlineData("0000000000000001" + "00010000" + "0000000000000000", 1, 0x10000, 0)]
    [InlineData("0000000000000007" + "00010000", 7, 0x10000, 0)]
    [InlineData("0000000000000007", 7, 0, 0)]
    public void LearnerInfo_is_read_as_far_as_it_goes(string hex, long sid, int protocol, long config)
    {
        Assert.Equal(new LearnerInfo(sid, protocol, config), LearnerInfo.TryRead(Convert.FromHexString(hex)));
    }

    [Fact]
    public void LearnerInfo_shorter_than_a_sid_is_refused_and_a_whole_one_encodes_as_captured()
    {
        Assert.Null(LearnerInfo.TryRead(new byte[7]));
        Assert.Equal("0000000000000001" + "00010000" + "0000000000000000",
            Convert.ToHexString(new LearnerInfo(1, LearnerInfo.CurrentProtocolVersion, 0).ToArray()), ignoreCase: true);
    }

    private static string Encode(QuorumPacket packet)
    {
        var output = new ArrayBufferWriter<byte>();
        packet.Serialize(new JuteWriter(output));
        return Convert.ToHexString(output.WrittenSpan);
    }
}
