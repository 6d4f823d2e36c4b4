using ZkNet.Quorum.Election;

namespace ZkNet.Quorum.Tests.Transport;

/// <summary>
/// ZkNet's election speaks Apache ZooKeeper 3.8's protocol: a ZkNet member and Apache ZooKeeper members (Debian's
/// QuorumPeerMain) elect one leader together over loopback.
/// </summary>
public sealed class MixedElectionTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_ZkNet_member_and_two_Apache_ZooKeeper_members_elect_the_same_leader()
    {
        var config = LoopbackElectionTests.Config(3);
        await using var zknet = new ElectionMember(1, config);
        await using var two = ApacheQuorumMember.Start(2, config);
        await using var three = ApacheQuorumMember.Start(3, config);

        var outcome = await zknet.Driver.LookForLeaderAsync(0, 0).WaitAsync(Bound);

        // With equal (empty) histories the largest sid of the first quorum to agree leads: 3, or 2 when member 3's
        // JVM starts late. Whichever it is, ZkNet follows the member that says it leads.
        Assert.Equal(ServerState.Following, outcome.State);
        var (leader, follower) = outcome.Vote.Leader == 3 ? (three, two) : (two, three);
        Assert.Equal(leader.Sid, outcome.Vote.Leader);
        await leader.WaitForModeAsync("leader", Bound);
        await follower.WaitForModeAsync("follower", Bound);
    }

    [Fact]
    public async Task A_ZkNet_member_joining_a_running_Apache_ZooKeeper_ensemble_learns_its_leader()
    {
        var config = LoopbackElectionTests.Config(3);
        await using var two = ApacheQuorumMember.Start(2, config);
        await using var three = ApacheQuorumMember.Start(3, config);
        await three.WaitForModeAsync("leader", Bound);

        await using var zknet = new ElectionMember(1, config);
        var outcome = await zknet.Driver.LookForLeaderAsync(0, 0).WaitAsync(Bound);

        Assert.Equal((3, ServerState.Following), (outcome.Vote.Leader, outcome.State));
        Assert.Equal(1, outcome.Vote.PeerEpoch);
    }
}
