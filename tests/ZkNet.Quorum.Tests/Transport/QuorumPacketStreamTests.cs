using ZkNet.Persistence.Database;
using ZkNet.Persistence.Snapshots;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Quorum.Transport;

namespace ZkNet.Quorum.Tests.Transport;

/// <summary>Quorum packets read back from a connection, and the snapshot a SNAP carries, read straight off it.</summary>
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
        var input = new QuorumInput(new MemoryStream(packets.SelectMany(QuorumPacketStream.Encode).ToArray()));

        foreach (var expected in packets)
        {
            var packet = await input.ReadPacketAsync(1024, CancellationToken.None);
            Assert.Equal((expected.Type, expected.Zxid), (packet.Type, packet.Zxid));
            Assert.Equal(expected.Data, packet.Data);
            Assert.Equal(expected.AuthInfo, packet.AuthInfo);
        }
        await Assert.ThrowsAsync<EndOfStreamException>(() => input.ReadPacketAsync(1024, CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task A_data_length_beyond_the_limit_is_refused_before_it_is_allocated()
    {
        using var stream = new MemoryStream(Convert.FromHexString("00000002" + "0000000100000001" + "7fffffff"));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new QuorumInput(stream).ReadPacketAsync(1024, CancellationToken.None).AsTask());
        Assert.Contains("out of range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_snapshot_streamed_by_ZkNets_writer_is_read_off_the_stream_and_leaves_the_next_packet_there()
    {
        using var body = new MemoryStream();
        var writer = SnapshotWriter.ForSyncStream(body);
        writer.WriteSessions([new(5, 4000)]);
        writer.WriteAclCache([new(1, Acl.OpenAclUnsafe)]);
        writer.WriteNode("/", null, -1, default);
        writer.WriteNode("/a", [1, 2], 1, default);
        writer.Complete(null);
        var bytes = QuorumPacketStream.Encode(new QuorumPacket(QuorumPacketType.Snap, 7)).Concat(body.ToArray())
            .Concat(QuorumPacketStream.Encode(new QuorumPacket(QuorumPacketType.NewLeader, 0x100000000))).ToArray();
        // A socket hands over what has arrived: a few bytes per read, the snapshot's end and the next packet together.
        var input = new QuorumInput(new TrickleStream(bytes, 7));

        var snap = await input.ReadPacketAsync(1024, CancellationToken.None);
        var (tree, sessions) = ZkDatabase.ReadSyncSnapshot(input, extendedTypesEnabled: false);
        var next = await input.ReadPacketAsync(1024, CancellationToken.None);

        Assert.Equal(QuorumPacketType.Snap, snap.Type);
        Assert.Equal(4000, sessions[5]);
        Assert.Equal([1, 2], tree.GetNode("/a")!.Data);
        Assert.Equal(QuorumPacketType.NewLeader, next.Type);
    }

    [Fact]
    public async Task A_snapshot_follows_its_SNAP_packet_and_must_end_with_the_signature()
    {
        var snap = QuorumPacketStream.Encode(new QuorumPacket(QuorumPacketType.Snap, 0x100000002));
        // No sessions, no ACLs, the root ("" with empty data, acl -1, a zero stat), the "/" end marker.
        var body = Convert.FromHexString("00000000" + "00000000" + "00000000" + "00000000" + "ffffffffffffffff" + new string('0', 120) + "000000012f");
        var good = new QuorumInput(new MemoryStream(snap.Concat(body).Concat(Convert.FromHexString("0000000a" + Convert.ToHexString("BenWasHere"u8))).ToArray()));
        var bad = new QuorumInput(new MemoryStream(snap.Concat(body).Concat(Convert.FromHexString("00000004" + Convert.ToHexString("Nope"u8))).ToArray()));

        Assert.Equal(QuorumPacketType.Snap, (await good.ReadPacketAsync(1024, CancellationToken.None)).Type);
        var (tree, _) = ZkDatabase.ReadSyncSnapshot(good, extendedTypesEnabled: false);
        Assert.Equal(0, good.Read(new byte[1]));
        Assert.NotNull(tree.GetNode("/"));
        await bad.ReadPacketAsync(1024, CancellationToken.None);
        var error = Assert.Throws<SnapshotCorruptException>(() => ZkDatabase.ReadSyncSnapshot(bad, extendedTypesEnabled: false));
        Assert.Contains("signature", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Reads at most a few bytes at a time, as a socket may.</summary>
    private sealed class TrickleStream(byte[] bytes, int most) : MemoryStream(bytes, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, most));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, most)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, most)], cancellationToken);
    }
}
