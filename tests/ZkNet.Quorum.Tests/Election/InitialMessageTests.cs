using ZkNet.Quorum.Configuration;
using ZkNet.Quorum.Election;

namespace ZkNet.Quorum.Tests.Election;

/// <summary>The election connection handshake as Apache ZooKeeper 3.8.0 sent it (docs/quorum-protocol.md §9.2).</summary>
public sealed class InitialMessageTests
{
    private const string Captured = "ffffffffffff0000" + "0000000000000003" + "0000000f" + "3132372e302e302e313a3234333833";

    [Fact]
    public void The_captured_handshake_reads_as_sid_3_at_its_election_address()
    {
        var bytes = Convert.FromHexString(Captured);

        var taken = InitialMessage.TryRead(bytes, out var message, out var error);

        Assert.Null(error);
        Assert.Equal(35, taken);
        Assert.Equal(3, message!.Sid);
        Assert.Equal([new HostPort("127.0.0.1", 24383)], message.Addresses);
    }

    [Fact]
    public void Encoding_gives_back_the_captured_bytes()
    {
        var message = new InitialMessage(3, [new HostPort("127.0.0.1", 24383)]);

        Assert.Equal(Captured, Convert.ToHexString(message.Encode()), ignoreCase: true);
    }

    [Fact]
    public void A_handshake_split_anywhere_asks_for_more_bytes_until_it_is_whole()
    {
        var bytes = Convert.FromHexString(Captured);
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            Assert.Equal(0, InitialMessage.TryRead(bytes.AsSpan(0, cut), out var message, out var error));
            Assert.Null(message);
            Assert.Null(error);
        }
    }

    [Fact]
    public void A_pre_3_5_peer_sends_only_its_sid()
    {
        var taken = InitialMessage.TryRead(Convert.FromHexString("0000000000000007"), out var message, out _);

        Assert.Equal(8, taken);
        Assert.Equal(7, message!.Sid);
        Assert.Empty(message.Addresses);
    }

    [Theory]
    [InlineData("fffffffffffffff0" + "0000000000000003", "unknown protocol version")]
    [InlineData("ffffffffffff0000" + "0000000000000003" + "00000000", "unreasonable address length 0")]
    [InlineData("ffffffffffff0000" + "0000000000000003" + "00000801", "unreasonable address length 2049")]
    [InlineData("ffffffffffff0000" + "0000000000000003" + "00000003" + "616263", "is not host:port")]
    public void A_bad_handshake_is_refused_with_a_reason(string hex, string reason)
    {
        var taken = InitialMessage.TryRead(Convert.FromHexString(hex), out var message, out var error);

        Assert.Equal(-1, taken);
        Assert.Null(message);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Wildcard_addresses_are_dropped_from_a_v2_address_list()
    {
        var text = "0.0.0.0:3888|10.0.0.1:3888"u8.ToArray();
        var bytes = Convert.FromHexString("ffffffffffff0001" + "0000000000000002" + text.Length.ToString("x8")).Concat(text).ToArray();

        InitialMessage.TryRead(bytes, out var message, out _);

        Assert.Equal([new HostPort("10.0.0.1", 3888)], message!.Addresses);
    }
}
