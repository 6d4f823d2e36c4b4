using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Quorum.Transport;

namespace ZkNet.Quorum.Tests.Transport;

/// <summary>Quorum packets read field by field from a stream, and the snapshot a SNAP carries.</summary>
public sealed class QuorumPacketStreamTests
{
    [Fact]
    public async Task Packets_written_back_to_back_are_read_back_in_order()
    {
        var packets = new[]
        {
            new QuorumPacket(QuorumPacketType.Proposal, 0x100000001, [1, 2, 3]),
            new QuorumPacket(QuorumPacketType.Request, -1, [9], [new Id("ip", "127.0.0.1")]),
            new QuorumPacket(QuorumPacketType.UpToDate, -1),
        };
        using var input = new QuorumInput(new MemoryStream(packets.SelectMany(QuorumPacketStream.Encode).ToArray()));

        foreach (var expected in packets)
        {
            var (packet, snapshot) = await QuorumPacketStream.ReadAsync(input, 1024, CancellationToken.None);
            Assert.Equal((expected.Type, expected.Zxid), (packet.Type, packet.Zxid));
            Assert.Equal(expected.Data, packet.Data);
            Assert.Equal(expected.AuthInfo, packet.AuthInfo);
            Assert.Null(snapshot);
        }
        await Assert.ThrowsAsync<EndOfStreamException>(() => QuorumPacketStream.ReadAsync(input, 1024, CancellationToken.None));
    }

    [Fact]
    public async Task A_data_length_beyond_the_limit_is_refused_before_it_is_allocated()
    {
        using var input = new QuorumInput(new MemoryStream(Convert.FromHexString("00000002" + "0000000100000001" + "7fffffff")));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => QuorumPacketStream.ReadAsync(input, 1024, CancellationToken.None));
        Assert.Contains("out of range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_snapshot_streamed_by_ZkNets_writer_is_read_whole_after_its_SNAP_packet()
    {
        using var body = new MemoryStream();
        var writer = ZkNet.Persistence.Snapshots.SnapshotWriter.ForSyncStream(body);
        writer.WriteSessions([new(5, 4000)]);
        writer.WriteAclCache([new(1, Acl.OpenAclUnsafe)]);
        writer.WriteNode("/", null, -1, default);
        writer.WriteNode("/a", [1, 2], 1, default);
        writer.Complete(null);
        var bytes = QuorumPacketStream.Encode(new QuorumPacket(QuorumPacketType.Snap, 7)).Concat(body.ToArray())
            .Concat(QuorumPacketStream.Encode(new QuorumPacket(QuorumPacketType.NewLeader, 0x100000000))).ToArray();
        using var input = new QuorumInput(new MemoryStream(bytes));

        var (_, snapshot) = await QuorumPacketStream.ReadAsync(input, 1024, CancellationToken.None);
        var (next, _) = await QuorumPacketStream.ReadAsync(input, 1024, CancellationToken.None);

        Assert.Equal(body.ToArray(), snapshot);
        Assert.Equal(QuorumPacketType.NewLeader, next.Type);
    }

    [Fact]
    public async Task A_snapshot_follows_its_SNAP_packet_and_must_end_with_the_signature()
    {
        var snap = QuorumPacketStream.Encode(new QuorumPacket(QuorumPacketType.Snap, 0x100000002));
        // No sessions, no ACLs, the root ("" with empty data, acl -1, a zero stat), the "/" end marker.
        var body = Convert.FromHexString("00000000" + "00000000" + "00000000" + "00000000" + "ffffffffffffffff" + new string('0', 120) + "000000012f");
        var good = snap.Concat(body).Concat(Convert.FromHexString("0000000a" + Convert.ToHexString("BenWasHere"u8))).ToArray();
        var bad = snap.Concat(body).Concat(Convert.FromHexString("00000004" + Convert.ToHexString("Nope"u8))).ToArray();

        var (packet, snapshot) = await QuorumPacketStream.ReadAsync(new QuorumInput(new MemoryStream(good)), 1024, CancellationToken.None);

        Assert.Equal(QuorumPacketType.Snap, packet.Type);
        Assert.Equal(body.Length + 14, snapshot!.Length);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => QuorumPacketStream.ReadAsync(new QuorumInput(new MemoryStream(bad)), 1024, CancellationToken.None));
        Assert.Contains("signature", error.Message, StringComparison.Ordinal);
    }
}
