using ZkNet.Quorum.Election;

namespace ZkNet.Quorum.Tests.Simulation;

/// <summary>
/// Fast leader election on virtual time over a lossy, delaying network, many seeds each. A failing seed is in the
/// assertion message; <see cref="ElectionCluster"/> replays it exactly.
/// </summary>
public sealed class ElectionSimulationTests
{
    private const long Minutes = 60_000;

    [Fact]
    public void Without_loss_every_member_follows_the_one_with_the_highest_epoch_then_zxid_then_sid()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var size = seed % 2 == 0 ? 3 : 5;
            var cluster = new ElectionCluster(seed, ElectionCluster.Servers(size), lossRate: 0, maxDelayMs: 20);
            var random = new Random(seed);
            var initial = cluster.Members.Keys.ToDictionary(sid => sid, _ => (Zxid: (long)random.Next(0, 3) << 32 | (uint)random.Next(0, 3), Epoch: (long)random.Next(0, 2)));
            foreach (var (sid, (zxid, epoch)) in initial)
            {
                cluster.Start(sid, zxid, epoch);
            }

            Assert.True(cluster.RunUntil(() => cluster.Settled, 10 * Minutes), $"seed {seed}: not every member decided");

            var best = initial.OrderByDescending(kv => kv.Value.Epoch).ThenByDescending(kv => kv.Value.Zxid).ThenByDescending(kv => kv.Key).First().Key;
            AssertOneLeader(cluster, seed, best);
        }
    }

    [Fact]
    public void With_lost_and_delayed_messages_all_agree_on_a_leader_at_least_as_current_as_a_majority()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var size = seed % 2 == 0 ? 3 : 5;
            var cluster = new ElectionCluster(seed, ElectionCluster.Servers(size), lossRate: 0.2, maxDelayMs: 40);
            var random = new Random(seed);
            var initial = cluster.Members.Keys.ToDictionary(sid => sid, _ => (Zxid: (long)random.Next(0, 4), Epoch: (long)random.Next(0, 2)));
            foreach (var (sid, (zxid, epoch)) in initial)
            {
                cluster.Start(sid, zxid, epoch);
            }

            Assert.True(cluster.RunUntil(() => cluster.Settled, 30 * Minutes), $"seed {seed}: not every member decided");

            var leader = AssertOneLeader(cluster, seed, expected: null);
            // Every member of the quorum that elected it had nothing newer: the leader is at least as current as
            // a majority (what ZAB's recovery relies on).
            var (leaderZxid, leaderEpoch) = initial[leader];
            var notNewer = initial.Count(kv => (kv.Value.Epoch, kv.Value.Zxid).CompareTo((leaderEpoch, leaderZxid)) <= 0);
            Assert.True(notNewer > size / 2, $"seed {seed}: leader {leader} is newer than only {notNewer} of {size}");
        }
    }

    [Fact]
    public void A_member_still_loading_its_database_does_not_vote_for_a_member_behind_it()
    {
        for (var seed = 0; seed < 100; seed++)
        {
            // Member 1 holds txns member 2 lacks (committed by 1 and the now-dead 3). While 1 loads its database it
            // hears 2 looking; voting before it knows its own last zxid would make 2, which lacks them, the leader.
            var cluster = new ElectionCluster(seed, ElectionCluster.Servers(3), lossRate: 0, maxDelayMs: 20);
            cluster.Listen(1);
            cluster.Start(2, 10, 1);
            cluster.RunUntil(() => false, 5_000 + seed * 10);
            Assert.False(cluster.Members[2].HasDecided, $"seed {seed}: member 2 decided while member 1 was loading\n{string.Join("\n", cluster.Trace)}");
            cluster.Start(1, 100, 1);

            Assert.True(cluster.RunUntil(() => cluster.SettledAmong(1, 2), 10 * Minutes), $"seed {seed}: no decision");
            Assert.Equal(ServerState.Leading, cluster.Members[1].Election.State);
            Assert.Equal(1, cluster.Members[2].Election.CurrentVote.Leader);
        }
    }

    [Fact]
    public void Members_that_lose_their_leader_a_moment_apart_elect_within_one_finalize_wait()
    {
        for (var seed = 0; seed < 100; seed++)
        {
            var cluster = new ElectionCluster(seed, ElectionCluster.Servers(3), lossRate: 0, maxDelayMs: 20) { RoleCheckMs = 60 * Minutes };
            foreach (var sid in cluster.Members.Keys)
            {
                cluster.Start(sid, 0x100000005, 1);
            }
            Assert.True(cluster.RunUntil(() => cluster.Settled, 10 * Minutes), $"seed {seed}");
            cluster.Crash(3);
            var lost = cluster.Now;
            // Both lose the connection to the leader at once; member 2 starts its round at once, member 1 50 ms later
            // (its state took longer to get ready), by when member 2's notification has reached it.
            cluster.Members[1].Election.EndRole();
            cluster.Members[2].Election.EndRole();
            cluster.Start(2, 0x100000005, 1);
            cluster.RunUntil(() => false, 50);
            cluster.Start(1, 0x100000005, 1);

            Assert.True(cluster.RunUntil(() => cluster.SettledAmong(1, 2), 10 * Minutes), $"seed {seed}");
            var elected = cluster.Members.Values.Where(m => m.Alive).Max(m => m.Decisions[^1].Time);
            // Member 1 hears member 2's vote in its new round at once, not at member 2's next re-send (200 ms later),
            // so the round ends one finalize wait (200 ms) after both look, plus the links' delays.
            Assert.True(elected - lost < 50 + 200 + 3 * 20, $"seed {seed}: elected {elected - lost} ms after the leader was lost\n{string.Join("\n", cluster.Trace.TakeLast(20))}");
            Assert.Equal(2, cluster.Members[1].Election.CurrentVote.Leader);
        }
    }

    [Fact]
    public void A_minority_cut_off_never_decides_and_joins_the_majoritys_leader_once_the_network_heals()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var cluster = new ElectionCluster(seed, ElectionCluster.Servers(5), lossRate: 0.05, maxDelayMs: 20);
            cluster.Partition([4, 5]);
            foreach (var sid in cluster.Members.Keys)
            {
                // The minority has the newest data; it still cannot win without a quorum.
                cluster.Start(sid, sid >= 4 ? 100 : 10, 1);
            }

            Assert.True(cluster.RunUntil(() => cluster.SettledAmong(1, 2, 3), 10 * Minutes), $"seed {seed}");
            cluster.RunUntil(() => false, 2 * Minutes);
            Assert.False(cluster.Members[4].HasDecided, $"seed {seed}: member 4 decided without a quorum");
            Assert.False(cluster.Members[5].HasDecided, $"seed {seed}: member 5 decided without a quorum");

            cluster.Heal();
            Assert.True(cluster.RunUntil(() => cluster.Settled, 10 * Minutes), $"seed {seed}: the minority never joined");
            var leader = cluster.Members[1].Election.CurrentVote.Leader;
            Assert.InRange(leader, 1, 3);
            AssertOneLeader(cluster, seed, leader);
        }
    }

    [Fact]
    public void A_member_that_restarts_joins_the_established_leader_even_with_newer_txns()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var cluster = new ElectionCluster(seed, ElectionCluster.Servers(3), lossRate: 0.1, maxDelayMs: 20);
            foreach (var sid in cluster.Members.Keys)
            {
                cluster.Start(sid, 5, 1);
            }
            Assert.True(cluster.RunUntil(() => cluster.Settled, 10 * Minutes), $"seed {seed}");
            var leader = AssertOneLeader(cluster, seed, expected: null);
            var follower = cluster.Members.Keys.First(s => s != leader);

            cluster.Crash(follower);
            cluster.Start(follower, 0x100000009, 1);

            Assert.True(cluster.RunUntil(() => cluster.Settled, 10 * Minutes), $"seed {seed}: member {follower} never rejoined");
            Assert.Equal(ServerState.Following, cluster.Members[follower].Election.State);
            AssertOneLeader(cluster, seed, leader);
        }
    }

    [Fact]
    public void When_the_leader_dies_the_survivors_elect_one_of_themselves_in_a_later_round()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var cluster = new ElectionCluster(seed, ElectionCluster.Servers(5), lossRate: 0.1, maxDelayMs: 20);
            foreach (var sid in cluster.Members.Keys)
            {
                cluster.Start(sid, 7 + sid, 2);
            }
            Assert.True(cluster.RunUntil(() => cluster.Settled, 10 * Minutes), $"seed {seed}");
            var first = AssertOneLeader(cluster, seed, expected: null);
            var firstRound = cluster.Members[first].Election.CurrentVote.ElectionEpoch;

            // The followers notice at their next role check (ZooKeeper: a missed ping within syncLimit ticks).
            cluster.Crash(first);

            Assert.True(cluster.RunUntil(() => cluster.Settled, 10 * Minutes), $"seed {seed}");
            var second = AssertOneLeader(cluster, seed, expected: null);
            Assert.NotEqual(first, second);
            Assert.True(cluster.Members[second].Election.CurrentVote.ElectionEpoch > firstRound, $"seed {seed}: no new round");
        }
    }

    [Fact]
    public void Observers_learn_the_leader_and_are_never_elected_or_counted()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var cluster = new ElectionCluster(seed, ElectionCluster.Servers(3, observers: 2), lossRate: 0.1, maxDelayMs: 20);
            foreach (var sid in cluster.Members.Keys)
            {
                // The observers have the newest data: it must not make them leaders.
                cluster.Start(sid, sid > 3 ? 1000 : sid, 1);
            }

            Assert.True(cluster.RunUntil(() => cluster.Settled, 10 * Minutes), $"seed {seed}");
            Assert.Equal(ServerState.Observing, cluster.Members[4].Election.State);
            Assert.Equal(ServerState.Observing, cluster.Members[5].Election.State);
            Assert.InRange(AssertOneLeader(cluster, seed, expected: null), 1, 3);
        }
    }

    [Fact]
    public void Two_observers_and_one_participant_are_not_a_quorum()
    {
        var cluster = new ElectionCluster(1, ElectionCluster.Servers(3, observers: 2));
        cluster.Partition([2, 3]);
        foreach (var sid in cluster.Members.Keys)
        {
            cluster.Start(sid, 1, 1);
        }

        cluster.RunUntil(() => false, 5 * Minutes);

        Assert.All(new long[] { 1, 4, 5 }, s => Assert.False(cluster.Members[s].HasDecided));
    }

    [Fact]
    public void The_same_seed_replays_the_same_election()
    {
        static List<string> Run()
        {
            var cluster = new ElectionCluster(42, ElectionCluster.Servers(5), lossRate: 0.3, maxDelayMs: 50);
            foreach (var sid in cluster.Members.Keys)
            {
                cluster.Start(sid, sid % 3, 0);
            }
            cluster.RunUntil(() => cluster.Settled, 10 * Minutes);
            return cluster.Trace;
        }

        var first = Run();
        Assert.True(first.Count > 20);
        Assert.Equal(first, Run());
    }

    private static long AssertOneLeader(ElectionCluster cluster, int seed, long? expected)
    {
        Assert.True(cluster.Violations.Count == 0, $"seed {seed}: {string.Join("; ", cluster.Violations)}");
        var live = cluster.Members.Values.Where(m => m.Alive).ToList();
        var leaders = live.Select(m => m.Election.CurrentVote.Leader).Distinct().ToList();
        Assert.True(leaders.Count == 1, $"seed {seed}: members disagree on the leader ({string.Join(",", leaders)})");
        var leader = leaders[0];
        if (expected is { } want)
        {
            Assert.True(leader == want, $"seed {seed}: elected {leader}, expected {want}");
        }
        Assert.True(cluster.Members[leader].Election.State == ServerState.Leading, $"seed {seed}: {leader} is not leading");
        Assert.All(live.Where(m => m.Sid != leader), m => Assert.NotEqual(ServerState.Leading, m.Election.State));
        return leader;
    }
}
