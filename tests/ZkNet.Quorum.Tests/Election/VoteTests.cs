using ZkNet.Quorum.Election;

namespace ZkNet.Quorum.Tests.Election;

/// <summary>Vote order and vote agreement exactly as ZooKeeper's totalOrderPredicate and Vote.equals define them.</summary>
public sealed class VoteTests
{
    [Theory]
    [InlineData(1, 0x100000005, 1, 3, 0x100000009, 0, true)] // higher epoch wins whatever the zxid
    [InlineData(1, 0x100000009, 1, 3, 0x100000005, 1, true)] // same epoch: higher zxid
    [InlineData(3, 0x100000005, 1, 1, 0x100000005, 1, true)] // same epoch and zxid: higher sid
    [InlineData(1, 0x100000005, 1, 3, 0x100000005, 1, false)]
    [InlineData(2, 0x100000005, 1, 2, 0x100000005, 1, false)] // the same vote does not beat itself
    public void A_vote_beats_another_by_epoch_then_zxid_then_sid(long newId, long newZxid, long newEpoch, long curId, long curZxid, long curEpoch, bool beats) =>
        Assert.Equal(beats, Vote.Beats(newId, newZxid, newEpoch, curId, curZxid, curEpoch, newWeight: 1));

    [Fact]
    public void A_member_of_weight_zero_never_wins() =>
        Assert.False(Vote.Beats(9, long.MaxValue, long.MaxValue, 1, 0, 0, newWeight: 0));

    [Fact]
    public void While_looking_all_four_election_fields_must_agree()
    {
        var vote = new Vote(3, 10, 2, 1);

        Assert.True(vote.Agrees(new Vote(3, 10, 2, 1)));
        Assert.False(vote.Agrees(new Vote(3, 10, 1, 1)));
        Assert.False(vote.Agrees(new Vote(3, 11, 2, 1, ServerState.Following, 2)));
    }

    [Fact]
    public void Between_established_members_the_leader_and_its_epoch_are_enough()
    {
        var following = new Vote(3, 10, 2, 1, ServerState.Following, 2);

        Assert.True(following.Agrees(new Vote(3, 99, 7, 1, ServerState.Leading, 2)));
        Assert.False(following.Agrees(new Vote(3, 10, 2, 4, ServerState.Leading, 2)));
        // Exactly one side from a version-0 notification: the leader alone.
        Assert.True(following.Agrees(new Vote(3, 10, 2, 4, ServerState.Leading, 0)));
    }
}
