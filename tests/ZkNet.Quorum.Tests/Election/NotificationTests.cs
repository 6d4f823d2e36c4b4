using System.Text;
using ZkNet.Quorum.Election;

namespace ZkNet.Quorum.Tests.Election;

/// <summary>Election notifications byte for byte as Apache ZooKeeper 3.8.0 sent them (docs/quorum-protocol.md §9.3).</summary>
public sealed class NotificationTests
{
    private const string CapturedConfig =
        "server.1=127.0.0.1:24481:24581:participant\nserver.2=127.0.0.1:24482:24582:participant\n" +
        "server.3=127.0.0.1:24283:24383:participant\nversion=0";

    private static readonly string CapturedBody =
        "00000000" + "0000000000000003" + "0000000000000000" + "0000000000000001" + "0000000000000000" + "00000002" + "0000008a" +
        Convert.ToHexString(Encoding.ASCII.GetBytes(CapturedConfig));

    [Fact]
    public void A_captured_ZooKeeper_notification_decodes_to_its_fields()
    {
        var body = Convert.FromHexString(CapturedBody);
        Assert.Equal(182, body.Length);

        var n = Notification.TryDecode(body, out var error);

        Assert.Null(error);
        Assert.NotNull(n);
        Assert.Equal(ServerState.Looking, n.State);
        Assert.Equal(3, n.Leader);
        Assert.Equal(0, n.Zxid);
        Assert.Equal(1, n.ElectionEpoch);
        Assert.Equal(0, n.PeerEpoch);
        Assert.Equal(2, n.Version);
        Assert.Equal(CapturedConfig, Encoding.ASCII.GetString(n.Config));
    }

    [Fact]
    public void Encoding_gives_back_the_captured_bytes()
    {
        var n = new Notification(ServerState.Looking, 3, 0, 1, 0, 2, Encoding.ASCII.GetBytes(CapturedConfig));

        Assert.Equal(CapturedBody, Convert.ToHexString(n.ToArray()), ignoreCase: true);
    }

    [Fact]
    public void The_28_byte_form_of_old_peers_takes_the_peer_epoch_from_the_zxid()
    {
        var body = Convert.FromHexString("00000001" + "0000000000000002" + "0000000500000007" + "0000000000000004");

        var n = Notification.TryDecode(body, out _);

        Assert.NotNull(n);
        Assert.Equal(ServerState.Following, n.State);
        Assert.Equal(5, n.PeerEpoch);
        Assert.Equal(0, n.Version);
    }

    [Fact]
    public void The_40_byte_form_carries_the_peer_epoch_without_a_version()
    {
        var body = Convert.FromHexString("00000002" + "0000000000000002" + "0000000500000007" + "0000000000000004" + "0000000000000009");

        var n = Notification.TryDecode(body, out _);

        Assert.NotNull(n);
        Assert.Equal(9, n.PeerEpoch);
        Assert.Equal(0, n.Version);
        Assert.Empty(n.Config);
    }

    [Theory]
    [InlineData("00000000", "short")]
    [InlineData("00000007" + "0000000000000002" + "0000000000000000" + "0000000000000004", "unknown state 7")]
    [InlineData("00000000" + "0000000000000002" + "0000000000000000" + "0000000000000004" + "0000000000000000" + "00000002" + "00000010" + "41",
        "does not fit")]
    [InlineData("00000000" + "0000000000000002" + "0000000000000000" + "0000000000000004" + "0000000000000000" + "00000002" + "ffffffff",
        "does not fit")]
    public void Malformed_notifications_are_dropped_with_a_reason(string hex, string reason)
    {
        var n = Notification.TryDecode(Convert.FromHexString(hex), out var error);

        Assert.Null(n);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
