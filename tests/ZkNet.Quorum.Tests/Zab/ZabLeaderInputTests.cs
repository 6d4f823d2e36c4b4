using System.Buffers.Binary;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Quorum.Configuration;
using ZkNet.Quorum.Tests.Transport;
using ZkNet.Quorum.Zab;

namespace ZkNet.Quorum.Tests.Zab;

/// <summary>A leader refuses a learner that speaks out of turn and goes on with the others.</summary>
public sealed class ZabLeaderInputTests
{
    private static readonly QuorumMaj Config = new(Enumerable.Range(1, 3).Select(i => QuorumServer.Parse(i, $"127.0.0.1:{20000 + i}:{21000 + i}")));

    [Theory]
    [InlineData(QuorumPacketType.Ack)]
    [InlineData(QuorumPacketType.Proposal)]
    [InlineData((QuorumPacketType)99)]
    public void A_learner_that_does_not_start_with_its_info_is_closed_and_the_others_still_sync(QuorumPacketType first)
    {
        var output = new RecordingLeaderOutput();
        var leader = new ZabLeader(3, Config, new MemoryZabDatabase());
        leader.Start(0, output);
        leader.LearnerConnected(1, 0);
        leader.LearnerConnected(2, 0);

        leader.Receive(1, new QuorumPacket(first, 5, [1, 2, 3]), 0, output);
        leader.Receive(2, FollowerInfo(2), 0, output);
        leader.Receive(2, AckEpoch(), 0, output);
        leader.Receive(2, new QuorumPacket(QuorumPacketType.Ack, Zxid.Make(leader.Epoch, 0)), 0, output);

        Assert.Contains(1L, output.Closed);
        Assert.DoesNotContain(2L, output.Closed);
        Assert.Equal(LeaderPhase.Broadcast, leader.Phase);
        Assert.Contains(output.Sent, s => s.Handle == 2 && s.Packet.Type == QuorumPacketType.UpToDate);
    }

    [Fact]
    public void Learner_info_too_short_to_hold_a_sid_is_refused()
    {
        var output = new RecordingLeaderOutput();
        var leader = new ZabLeader(3, Config, new MemoryZabDatabase());
        leader.Start(0, output);
        leader.LearnerConnected(1, 0);

        leader.Receive(1, new QuorumPacket(QuorumPacketType.FollowerInfo, 0, [0, 0, 1]), 0, output);

        Assert.Contains(1L, output.Closed);
        Assert.Equal(LeaderPhase.Discovery, leader.Phase);
    }

    [Fact]
    public void A_leader_that_stepped_down_refuses_a_late_proposal_without_throwing()
    {
        var output = new RecordingLeaderOutput();
        var leader = new ZabLeader(3, Config, new MemoryZabDatabase());
        leader.Start(0, output);
        leader.LearnerConnected(2, 0);
        leader.Receive(2, FollowerInfo(2), 0, output);
        leader.Receive(2, AckEpoch(), 0, output);
        leader.Receive(2, new QuorumPacket(QuorumPacketType.Ack, Zxid.Make(leader.Epoch, 0)), 0, output);
        Assert.Equal(LeaderPhase.Broadcast, leader.Phase);

        // Its only follower goes quiet: past syncLimit the leader has no quorum and stops.
        leader.OnTimer(3_600_000, output);
        Assert.Equal(LeaderPhase.Stopped, leader.Phase);

        // A client's write that raced the step-down: refused, not an exception (the server would answer SystemError).
        Assert.False(leader.Propose(new ZabTxn(Zxid.Make(leader.Epoch, 1), [1]), output));
    }

    private static QuorumPacket FollowerInfo(long sid) =>
        new(QuorumPacketType.FollowerInfo, 0, new LearnerInfo(sid, LearnerInfo.CurrentProtocolVersion, 0).ToArray());

    private static QuorumPacket AckEpoch()
    {
        var data = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(data, 0);
        return new QuorumPacket(QuorumPacketType.AckEpoch, 0, data);
    }

    private sealed class RecordingLeaderOutput : ILeaderOutput
    {
        public List<(long Handle, QuorumPacket Packet)> Sent { get; } = [];

        public List<long> Closed { get; } = [];

        public void Send(long handle, QuorumPacket packet, IZabSnapshot? snapshot = null) => Sent.Add((handle, packet));

        public void Close(long handle, string reason) => Closed.Add(handle);

        public void Established(long epoch)
        {
        }

        public void Committed(ZabTxn txn)
        {
        }

        public void Forwarded(long handle, long sid, QuorumPacket packet)
        {
        }

        public void StepDown(string reason)
        {
        }
    }
}
