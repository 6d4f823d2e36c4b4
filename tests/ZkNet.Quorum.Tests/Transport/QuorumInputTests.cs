using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Quorum.Transport;

namespace ZkNet.Quorum.Tests.Transport;

/// <summary>The buffered read side of a quorum connection: packets parsed from its buffer, whatever way the bytes arrive.</summary>
public sealed class QuorumInputTests
{
    private static readonly QuorumPacket[] Burst =
    [
        new(QuorumPacketType.Proposal, 0x100000001, [1, 2, 3]),
        new(QuorumPacketType.Commit, 0x100000001),
        new(QuorumPacketType.Request, -1, [9], [new Id("ip", "127.0.0.1"), new Id("digest", "u:x")]),
        new(QuorumPacketType.Ack, 0x100000002, null, []),
    ];

    [Fact]
    public async Task Packets_arriving_a_byte_at_a_time_are_read_whole_and_in_order()
    {
        var input = new QuorumInput(new TrickleStream(Burst.SelectMany(QuorumPacketStream.Encode).ToArray(), 1));

        foreach (var expected in Burst)
        {
            AssertSame(expected, await input.ReadPacketAsync(1024, CancellationToken.None));
        }
        await Assert.ThrowsAsync<EndOfStreamException>(() => input.ReadPacketAsync(1024, CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task Packets_already_received_are_handed_over_without_waiting()
    {
        var input = new QuorumInput(new TrickleStream(Burst.SelectMany(QuorumPacketStream.Encode).ToArray(), int.MaxValue));

        var first = await input.ReadPacketAsync(1024, CancellationToken.None);
        var rest = new List<QuorumPacket>();
        while (input.TryReadBuffered(1024, out var packet))
        {
            rest.Add(packet!);
        }

        AssertSame(Burst[0], first);
        Assert.Equal(Burst.Length - 1, rest.Count);
        for (var i = 1; i < Burst.Length; i++)
        {
            AssertSame(Burst[i], rest[i - 1]);
        }
    }

    [Fact]
    public async Task A_packet_only_partly_received_is_left_for_the_next_read()
    {
        var bytes = Burst.Take(2).SelectMany(QuorumPacketStream.Encode).ToArray();
        var input = new QuorumInput(new TrickleStream(bytes, QuorumPacketStream.Encode(Burst[0]).Length + 5));

        AssertSame(Burst[0], await input.ReadPacketAsync(1024, CancellationToken.None));
        Assert.False(input.TryReadBuffered(1024, out _));
        AssertSame(Burst[1], await input.ReadPacketAsync(1024, CancellationToken.None));
    }

    [Fact]
    public async Task A_SNAP_is_never_handed_over_from_the_buffer_because_its_snapshot_follows_on_the_connection()
    {
        var bytes = QuorumPacketStream.Encode(Burst[1]).Concat(QuorumPacketStream.Encode(new QuorumPacket(QuorumPacketType.Snap, 5))).ToArray();
        var input = new QuorumInput(new TrickleStream(bytes, int.MaxValue));

        await input.ReadPacketAsync(1024, CancellationToken.None);

        Assert.False(input.TryReadBuffered(1024, out _));
        Assert.Equal(QuorumPacketType.Snap, (await input.ReadPacketAsync(1024, CancellationToken.None)).Type);
    }

    [Fact]
    public async Task A_packet_larger_than_the_buffer_grows_it_and_the_bytes_after_it_read_as_a_stream()
    {
        var big = new QuorumPacket(QuorumPacketType.Proposal, 7, Enumerable.Range(0, 300_000).Select(i => (byte)i).ToArray());
        var bytes = QuorumPacketStream.Encode(big).Concat("tail"u8.ToArray()).ToArray();
        var input = new QuorumInput(new TrickleStream(bytes, 4096), bufferSize: 1024);

        AssertSame(big, await input.ReadPacketAsync(1_000_000, CancellationToken.None));
        var tail = new byte[4];
        await input.ReadExactlyAsync(tail);
        Assert.Equal("tail"u8.ToArray(), tail);
    }

    [Fact]
    public async Task A_connection_ending_inside_a_packet_says_so()
    {
        var bytes = QuorumPacketStream.Encode(Burst[0]);
        var input = new QuorumInput(new TrickleStream(bytes[..^3], 7));

        var error = await Assert.ThrowsAsync<EndOfStreamException>(() => input.ReadPacketAsync(1024, CancellationToken.None).AsTask());
        Assert.Contains("inside a packet", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00000002" + "0000000100000001" + "00000401", "out of range")]
    [InlineData("00000002" + "0000000100000001" + "ffffffff" + "00000401", "authinfo of 1025 ids")]
    [InlineData("00000002" + "0000000100000001" + "ffffffff" + "fffffffe", "negative authinfo length")]
    [InlineData("00000002" + "0000000100000001" + "fffffffe", "out of range")]
    public async Task Malformed_lengths_are_refused_before_anything_is_allocated_for_them(string hex, string message)
    {
        var input = new QuorumInput(new TrickleStream(Convert.FromHexString(hex), int.MaxValue));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => input.ReadPacketAsync(1024, CancellationToken.None).AsTask());
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static void AssertSame(QuorumPacket expected, QuorumPacket actual)
    {
        Assert.Equal((expected.Type, expected.Zxid), (actual.Type, actual.Zxid));
        Assert.Equal(expected.Data, actual.Data);
        Assert.Equal(expected.AuthInfo, actual.AuthInfo);
    }

    /// <summary>A stream that gives at most <paramref name="chunk"/> bytes per read, as a socket may.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);
    }
}
