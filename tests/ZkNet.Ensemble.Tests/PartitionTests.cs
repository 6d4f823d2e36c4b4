using ZkNet.Ensemble.Tests.Faults;
using Xunit.Abstractions;
using ZkNet.TestSupport;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// Real `zknet server` processes on loopback whose member-to-member links run through a <see cref="FaultNetwork"/>,
/// partitioned while clients write: the leader cut off from its followers, a follower cut off, a bridge. Whatever the
/// fault, every acknowledged write survives on every member, the members converge to identical trees once the network
/// heals, and a register written and read across the fault stays linearizable.
/// </summary>
public sealed class PartitionTests(ITestOutputHelper output)
{
    private static readonly ServerKind[] ThreeZkNet = [ServerKind.ZkNet, ServerKind.ZkNet, ServerKind.ZkNet];

    [Fact]
    public Task An_isolated_leader_is_replaced_stops_serving_and_rejoins_as_a_follower_with_every_acknowledged_write() =>
        LeaderIsolationAsync(ThreeZkNet, startInOrder: false, output);

    [Fact]
    public async Task An_isolated_follower_stops_serving_while_the_majority_acknowledges_writes_and_catches_up_after_healing()
    {
        await using var ensemble = ProcessEnsemble.WithFaultNetwork(ThreeZkNet);
        await ensemble.StartAllAsync();
        var leader = await ensemble.WaitForQuorumAsync();
        var follower = ensemble.Ids.First(id => id != leader);
        await using var run = await FaultRun.StartAsync(ensemble, output);
        await run.Workload.Acked.Reached(50).WaitAsync(FaultRun.Bound);

        ensemble.Network!.Isolate(follower);
        run.Log($"follower {follower} isolated (leader {leader})");
        await run.AcknowledgesMoreAsync(50, "the majority after the follower was cut off");
        await run.StopsServingAsync(follower);
        Assert.Equal("leader", await ensemble.ModeAsync(leader));
        await run.AcknowledgesMoreAsync(50, "the majority while the follower does not serve");

        await run.HealAndVerifyAsync(leader, [follower]);
    }

    [Fact]
    public Task A_leader_cut_off_with_one_of_four_followers_steps_down_and_the_majority_elects_a_new_one() =>
        LeaderInMinorityAsync([.. ThreeZkNet, ServerKind.ZkNet, ServerKind.ZkNet], startInOrder: false, companions: 1, output);

    /// <summary>
    /// Five members split into two sides that cannot see each other, with one member (the bridge) that sees both. The
    /// leader's side with the bridge is a majority and keeps serving; the other side cannot reach the leader (the bridge
    /// follows it), so it stops serving without electing a leader of its own.
    /// </summary>
    [Fact]
    public async Task A_bridge_keeps_the_leaders_side_serving_and_the_other_side_converges_after_healing()
    {
        await using var ensemble = ProcessEnsemble.WithFaultNetwork([.. ThreeZkNet, ServerKind.ZkNet, ServerKind.ZkNet]);
        await ensemble.StartAllAsync();
        var leader = await ensemble.WaitForQuorumAsync();
        var followers = ensemble.Ids.Where(id => id != leader).ToList();
        var bridge = followers[0];
        long[] leaderSide = [leader, followers[1]];
        long[] otherSide = [followers[2], followers[3]];
        await using var run = await FaultRun.StartAsync(ensemble, output);
        await run.Workload.Acked.Reached(50).WaitAsync(FaultRun.Bound);

        ensemble.Network!.Split(leaderSide, otherSide);
        run.Log($"split {string.Join(",", leaderSide)} from {string.Join(",", otherSide)}, bridge {bridge}");
        await run.AcknowledgesMoreAsync(50, $"the leader's side with the bridge {bridge}");
        foreach (var id in otherSide)
        {
            await run.StopsServingAsync(id);
        }
        Assert.Equal("leader", await ensemble.ModeAsync(leader));
        Assert.Equal("follower", await ensemble.ModeAsync(bridge));
        await run.AcknowledgesMoreAsync(50, "the leader's side while the other side does not serve");

        await run.HealAndVerifyAsync(leader, otherSide);
    }

    /// <summary>
    /// Cuts the leader off from every follower while clients write through every member: the followers elect a new
    /// leader and keep acknowledging writes, the old leader stops serving (its clients get errors), and once healed it
    /// follows the new leader, holding every acknowledged write; the register history stays linearizable.
    /// </summary>
    internal static Task LeaderIsolationAsync(ServerKind[] kinds, bool startInOrder, ITestOutputHelper output) =>
        LeaderInMinorityAsync(kinds, startInOrder, companions: 0, output);

    /// <summary>
    /// Splits the leader and <paramref name="companions"/> of its followers (a minority) from the rest while clients
    /// write through every member: the majority elects a new leader and keeps acknowledging writes; the old leader, though
    /// still in touch with its companions, has no quorum and steps down, and nobody on its side serves (their clients
    /// get errors, not acknowledgements); once healed the minority follows the new leader, holding every acknowledged
    /// write, the trees converge and the register history stays linearizable.
    /// </summary>
    internal static async Task LeaderInMinorityAsync(ServerKind[] kinds, bool startInOrder, int companions, ITestOutputHelper output)
    {
        await using var ensemble = ProcessEnsemble.WithFaultNetwork(kinds);
        if (startInOrder)
        {
            // Members 3 and 1 first, so the highest id leads whichever kind it is (as in MixedEnsembleTests).
            await ensemble.StartAsync(3);
            await ensemble.StartAsync(1);
            Assert.Equal(3, await ensemble.WaitForQuorumAsync());
            await ensemble.StartAsync(2);
        }
        else
        {
            await ensemble.StartAllAsync();
        }
        var leader = await ensemble.WaitForQuorumAsync();
        var followers = ensemble.Ids.Where(id => id != leader).ToList();
        long[] minority = [leader, .. followers.Take(companions)];
        var majority = followers.Skip(companions).ToList();
        await using var run = await FaultRun.StartAsync(ensemble, output);
        await run.Workload.Acked.Reached(50).WaitAsync(FaultRun.Bound);

        ensemble.Network!.Split(minority, majority);
        run.Log($"leader {leader} cut off with {(companions == 0 ? "no follower" : string.Join(",", minority.Skip(1)))}");
        var newLeader = await ensemble.WaitForQuorumAsync(majority, FaultRun.Bound);
        run.Log($"member {newLeader} leads");
        Assert.NotEqual(leader, newLeader);
        foreach (var id in minority)
        {
            await run.StopsServingAsync(id);
        }
        await run.AcknowledgesMoreAsync(50, $"the new leader {newLeader} and its followers");
        Assert.True(run.Workload.ErrorsOf("creator" + leader) > 0,
            $"the client of the cut-off leader {leader} saw no error ({run.Workload.ErrorSummary()})");

        await run.HealAndVerifyAsync(newLeader, minority);
    }
}
