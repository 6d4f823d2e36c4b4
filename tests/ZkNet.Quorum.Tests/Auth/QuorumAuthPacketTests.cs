using ZkNet.Quorum.Auth;

namespace ZkNet.Quorum.Tests.Auth;

/// <summary>QuorumAuthPacket (long magic, int status, buffer token) as ZooKeeper's Jute writes it, and its bounds.</summary>
public sealed class QuorumAuthPacketTests
{
    [Fact]
    public void The_magic_is_Javas_negated_literal_and_leads_the_packet()
    {
        // -0xa0dbcafecafe1234L in Java: the literal is a negative long, its negation a positive one.
        Assert.Equal(0x5F2435013501EDCCL, QuorumAuthPacket.Magic);
        Assert.Equal("5F2435013501EDCC" + "00000000" + "00000000", Convert.ToHexString(new QuorumAuthPacket(QuorumAuthStatus.InProgress, []).Encode()));
        Assert.Equal("5F2435013501EDCC" + "00000001" + "00000002" + "6869", Convert.ToHexString(new QuorumAuthPacket(QuorumAuthStatus.Success, "hi"u8.ToArray()).Encode()));
        Assert.Equal("5F2435013501EDCC" + "FFFFFFFF" + "FFFFFFFF", Convert.ToHexString(new QuorumAuthPacket(QuorumAuthStatus.Error, null).Encode()));
    }

    [Fact]
    public async Task Packets_read_back_whole_whatever_the_stream_hands_over_at_a_time()
    {
        var packets = new[]
        {
            new QuorumAuthPacket(QuorumAuthStatus.InProgress, []),
            new QuorumAuthPacket(QuorumAuthStatus.InProgress, "realm=\"zk-quorum-sasl-md5\""u8.ToArray()),
            new QuorumAuthPacket(QuorumAuthStatus.Error, null),
        };
        var bytes = packets.SelectMany(p => p.Encode()).ToArray();
        foreach (var chunk in new[] { 1, 3, 7, bytes.Length })
        {
            using var stream = new TrickleStream(bytes, chunk);
            foreach (var expected in packets)
            {
                var packet = await QuorumAuthPacket.ReadAsync(stream, CancellationToken.None);
                Assert.Equal(expected.Status, packet.Status);
                Assert.Equal(expected.Token, packet.Token);
            }
            await Assert.ThrowsAsync<EndOfStreamException>(() => QuorumAuthPacket.ReadAsync(stream, CancellationToken.None));
        }
    }

    [Fact]
    public async Task A_packet_cut_anywhere_is_an_end_of_stream_not_a_packet()
    {
        var bytes = new QuorumAuthPacket(QuorumAuthStatus.InProgress, "token"u8.ToArray()).Encode();
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            using var stream = new MemoryStream(bytes[..cut]);
            await Assert.ThrowsAsync<EndOfStreamException>(() => QuorumAuthPacket.ReadAsync(stream, CancellationToken.None));
        }
    }

    [Fact]
    public async Task Another_magic_is_refused()
    {
        // What a learner without SASL sends first: FOLLOWERINFO (type 11) and its zxid.
        using var stream = new MemoryStream(Convert.FromHexString("0000000B" + "0000000100000000" + "00000000"));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => QuorumAuthPacket.ReadAsync(stream, CancellationToken.None));
        Assert.Contains("not a quorum auth packet", error.Message, StringComparison.Ordinal);
        Assert.False(QuorumAuthPacket.StartsWithMagic(Convert.FromHexString("0000000B00000001")));
        Assert.True(QuorumAuthPacket.StartsWithMagic(Convert.FromHexString("5F2435013501EDCC")));
    }

    [Theory]
    [InlineData("7FFFFFFF")]
    [InlineData("00004001")] // one byte over the 16 KB limit
    [InlineData("FFFFFFFE")]
    public async Task A_token_length_out_of_range_is_refused_before_anything_is_allocated(string length)
    {
        using var stream = new MemoryStream(Convert.FromHexString("5F2435013501EDCC" + "00000000" + length));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => QuorumAuthPacket.ReadAsync(stream, CancellationToken.None));
        Assert.Contains("out of range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_status_is_read_as_it_is()
    {
        using var stream = new MemoryStream(Convert.FromHexString("5F2435013501EDCC" + "00000007" + "FFFFFFFF"));

        var packet = await QuorumAuthPacket.ReadAsync(stream, CancellationToken.None);
        Assert.Equal(7, (int)packet.Status);
        Assert.False(Enum.IsDefined(packet.Status));
    }

    /// <summary>A read-only stream that hands over at most <c>chunk</c> bytes per read.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);
    }
}
