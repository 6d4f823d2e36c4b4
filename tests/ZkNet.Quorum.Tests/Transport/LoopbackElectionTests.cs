using ZkNet.Quorum.Configuration;
using ZkNet.Quorum.Election;
using ZkNet.TestSupport;

namespace ZkNet.Quorum.Tests.Transport;

/// <summary>Fast leader election between ZkNet members over real loopback connections.</summary>
public sealed class LoopbackElectionTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Three_members_agree_on_one_leader_over_real_connections()
    {
        var config = Config(3);
        var members = Enumerable.Range(1, 3).Select(sid => new ElectionMember(sid, config)).ToList();
        try
        {
            var outcomes = await Task.WhenAll(members.Select(m => m.Driver.LookForLeaderAsync(0, 0))).WaitAsync(Bound);

            // Equal histories: the largest sid of the first quorum to agree (3, unless member 3 was slow to start).
            var leader = outcomes[0].Vote.Leader;
            Assert.InRange(leader, 2, 3);
            Assert.All(outcomes, o => Assert.Equal(leader, o.Vote.Leader));
            Assert.Equal(Enumerable.Range(1, 3).Select(sid => sid == leader ? ServerState.Leading : ServerState.Following), outcomes.Select(o => o.State));
        }
        finally
        {
            foreach (var member in members)
            {
                await member.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task The_member_with_the_newest_data_wins_and_a_late_member_joins_it()
    {
        var config = Config(3);
        await using var one = new ElectionMember(1, config);
        await using var two = new ElectionMember(2, config);
        var first = await Task.WhenAll(one.Driver.LookForLeaderAsync(0x100000009, 1), two.Driver.LookForLeaderAsync(0x100000004, 1)).WaitAsync(Bound);
        Assert.All(first, o => Assert.Equal(1, o.Vote.Leader));

        await using var three = new ElectionMember(3, config);
        var late = await three.Driver.LookForLeaderAsync(0x100000004, 1).WaitAsync(Bound);

        Assert.Equal((1, ServerState.Following), (late.Vote.Leader, late.State));
    }

    internal static QuorumMaj Config(int size) =>
        new(Enumerable.Range(1, size).Select(sid => QuorumServer.Parse(sid, $"127.0.0.1:{FreePort.Next()}:{FreePort.Next()}")));
}
