using System.Diagnostics;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;
using ZkNet.TestSupport;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// A client that connects to a member while it elects is held, not refused, and answered once the member serves
/// (ZkNetServer.ElectionHold.cs): that is what lets clients reconnect the moment a new leader is in place. The member
/// here is left alone (its two peers stopped) so the election cannot end before the handshake arrives; a peer is then
/// started again and the held handshake must get its session. With electionHandshakeHoldMs=0 the member refuses at
/// once, as Apache ZooKeeper does, and the hold never outlasts its limit.
/// </summary>
public sealed class ElectionHandshakeHoldTests
{
    [Fact]
    public async Task A_handshake_sent_while_the_member_elects_is_answered_once_it_serves_again()
    {
        await using var ensemble = new EnsembleHarness(3, extraConfig: _ => "electionHandshakeHoldMs=60000\n");
        var (survivor, other) = await LeaveOneMemberAloneAsync(ensemble);

        using var socket = await RawHandshake.SendAsync(ensemble.ConnectStringOf(survivor));
        var answer = RawHandshake.ReadFrameAsync(socket);
        // The member cannot elect until a peer returns; ZooKeeper would have closed the connection by now.
        await ensemble.StartAsync(other);

        var frame = await answer.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(frame is not null, "the member closed the held connection instead of answering it");
        var reader = new JuteReader(frame);
        var session = ConnectResponse.Deserialize(ref reader);
        Assert.NotEqual(0, session.SessionId);
        Assert.True(session.TimeOut > 0);
        await ensemble.WaitForQuorumAsync(members: [survivor, other]);
    }

    [Fact]
    public async Task With_the_hold_off_a_member_that_elects_refuses_a_handshake_at_once_as_ZooKeeper_does()
    {
        await using var ensemble = new EnsembleHarness(3, extraConfig: _ => "electionHandshakeHoldMs=0\n");
        var (survivor, _) = await LeaveOneMemberAloneAsync(ensemble);

        using var socket = await RawHandshake.SendAsync(ensemble.ConnectStringOf(survivor));
        Assert.Null(await RawHandshake.ReadFrameAsync(socket).WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_handshake_is_held_no_longer_than_the_limit_counted_from_when_the_member_stopped_serving()
    {
        await using var ensemble = new EnsembleHarness(3, extraConfig: _ => "electionHandshakeHoldMs=1500\n");
        var (survivor, _) = await LeaveOneMemberAloneAsync(ensemble);

        var clock = Stopwatch.StartNew();
        using var socket = await RawHandshake.SendAsync(ensemble.ConnectStringOf(survivor));
        // The member is still alone: after the limit it turns the client away, as ZooKeeper does at once.
        Assert.Null(await RawHandshake.ReadFrameAsync(socket).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"held for {clock.Elapsed}");
    }

    /// <summary>Starts the ensemble, then stops the leader and one follower: the other follower elects and cannot end.</summary>
    private static async Task<(long Survivor, long Stopped)> LeaveOneMemberAloneAsync(EnsembleHarness ensemble)
    {
        await ensemble.StartAllAsync();
        var leader = await ensemble.WaitForQuorumAsync();
        var survivor = ensemble.Ids.First(id => id != leader);
        var stopped = ensemble.Ids.First(id => id != leader && id != survivor);
        await ensemble.StopAsync(leader);
        await ensemble.StopAsync(stopped);
        await WaitUntilNotServingAsync(ensemble, survivor);
        return (survivor, stopped);
    }

    private static async Task WaitUntilNotServingAsync(EnsembleHarness ensemble, long id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        // The member's pipeline is replaced when it notices its leader is gone; there is no event for that outside it.
        while (ensemble.Member(id).Core.IsServing)
        {
            Assert.True(DateTime.UtcNow < deadline, $"member {id} kept serving without a quorum");
            await Task.Delay(10);
        }
    }
}
