using System.Text;
using ZkNet.Quorum.Zab;

namespace ZkNet.Quorum.Tests.Zab;

/// <summary>
/// Ensembles running election and ZAB on virtual time under crashes (losing unflushed log), restarts, partitions
/// and lost election messages, with a client writing throughout. After the faults stop, every member must hold the
/// same history, containing every write the leader acknowledged. A failing seed is in the message and replays exactly.
/// </summary>
public sealed class ZabSimulationTests
{
    private const long Second = 1000;

    [Fact]
    public void Without_faults_every_member_applies_every_write_in_the_same_order()
    {
        var cluster = new ZabCluster(1, participants: 3);
        cluster.StartAll();
        Assert.True(cluster.RunUntil(() => cluster.Settled, 30 * Second), "no leader was established");

        cluster.WriteEvery(5, cluster.Now + 2 * Second);
        cluster.RunUntil(() => false, 3 * Second);

        AssertConverged(cluster, seed: 1);
        Assert.True(cluster.Acknowledged.Count > 300, $"only {cluster.Acknowledged.Count} writes acknowledged");
    }

    [Fact]
    public void Observers_receive_every_committed_write_and_never_count_toward_a_quorum()
    {
        var cluster = new ZabCluster(2, participants: 3, observers: 1);
        cluster.StartAll();
        Assert.True(cluster.RunUntil(() => cluster.Settled, 30 * Second));
        cluster.WriteEvery(10, cluster.Now + Second);
        cluster.RunUntil(() => false, 2 * Second);
        AssertConverged(cluster, seed: 2);

        // With two participants down the observer cannot help make a quorum: nothing more is committed.
        var leader = cluster.Members.Values.Single(m => m.Leader is not null).Sid;
        foreach (var sid in new long[] { 1, 2, 3 }.Where(s => s != leader).Take(2))
        {
            cluster.Crash(sid);
        }
        var before = cluster.Acknowledged.Count;
        cluster.WriteEvery(10, cluster.Now + Second);
        cluster.RunUntil(() => false, 2 * Second);
        Assert.Equal(before, cluster.Acknowledged.Count);
    }

    /// <summary>
    /// An epoch whose 32-bit counter runs out: its leader steps down rather than propose zxid (epoch, 2^32 - 1)
    /// (ZOOKEEPER-1277), and the ensemble elects into a new epoch. Every epoch here starts 40 short of the end, so a
    /// steady writer rolls over several times; each time writes resume within a second, none acknowledged is lost,
    /// and no member ever holds a counter of 2^32 - 1.
    /// </summary>
    [Fact]
    public void When_an_epochs_counter_runs_out_a_new_epoch_takes_the_writes_within_a_second()
    {
        var cluster = new ZabCluster(7, participants: 3)
        {
            Options = new ZabOptions { TickTime = 200, InitLimit = 10, SyncLimit = 5, CommitLogCount = 20, EpochCounterStart = 0xFFFF_FFFF - 40 },
        };
        cluster.StartAll();
        Assert.True(cluster.RunUntil(() => cluster.Settled, 30 * Second));
        var firstEpoch = cluster.Members.Values.Single(m => m.Leader is not null).Db.CurrentEpoch;
        var start = cluster.Now;
        cluster.WriteEvery(10, cluster.Now + 5 * Second);
        cluster.RunUntil(() => false, 6 * Second);
        AssertConverged(cluster, seed: 7);

        var history = cluster.Members[1].Db.Applied;
        Assert.DoesNotContain(history, t => Zxid.CounterOf(t.Zxid) == 0xFFFF_FFFFL);
        var epochs = history.Select(t => Zxid.EpochOf(t.Zxid)).Where(e => e >= firstEpoch).Distinct().Count();
        Assert.True(epochs >= 3, $"only {epochs} epochs: the counter never ran out");
        var answered = cluster.AcknowledgedAt.Values.Where(t => t >= start).Order().ToList();
        var longestPause = answered.Zip(answered.Skip(1), (a, b) => b - a).Max();
        Assert.True(longestPause < Second, $"writes paused {longestPause} ms at a rollover");
    }

    /// <summary>
    /// The invariants can fail: a follower that drops one committed txn holds the next one at a position where the
    /// others hold another (caught when it applies it, not only at the end), and the final order with an early write
    /// moved behind a later one breaks real-time order.
    /// </summary>
    [Fact]
    public void The_prefix_and_real_time_checks_catch_a_lost_commit_and_a_reordered_history()
    {
        var cluster = new ZabCluster(3, participants: 3);
        cluster.StartAll();
        Assert.True(cluster.RunUntil(() => cluster.Settled, 30 * Second));
        cluster.WriteEvery(10, cluster.Now + Second);
        cluster.RunUntil(() => false, 2 * Second);
        var history = cluster.Members[1].Db.Applied.Select(t => Encoding.UTF8.GetString(t.Data)).ToList();
        Assert.Empty(cluster.LinearizabilityViolations(history));
        List<string> reordered = [.. history.Skip(1).Take(history.Count - 2), history[0], history[^1]];
        Assert.NotEmpty(cluster.LinearizabilityViolations(reordered));

        var follower = cluster.Members.Values.First(m => m.Learner is not null);
        follower.Db.CommitsToDrop = 1;
        cluster.WriteEvery(10, cluster.Now + 100);
        cluster.RunUntil(() => false, Second);
        Assert.Contains(cluster.Violations, v => v.Contains($"member {follower.Sid} holds", StringComparison.Ordinal));
    }

    /// <summary>
    /// ZOOKEEPER-4643/4646: a learner that acknowledged NEWLEADER (and wrote its new currentEpoch) before the txns of
    /// its DIFF were on disk could, after a crash, win the next election with its newer epoch and truncate
    /// committed txns away everywhere. ZkNet's learner makes the txns durable first. The slow-disk form; the exact
    /// replays (a crash right after NEWLEADER, or as the leader counts the ACK) are in SyncRegressionTests.
    /// </summary>
    [Fact]
    public void A_learner_with_a_slow_disk_never_acknowledges_NEWLEADER_before_its_sync_is_durable()
    {
        var cluster = new ZabCluster(11, participants: 3);
        cluster.StartAll();
        Assert.True(cluster.RunUntil(() => cluster.Settled, 30 * Second));
        var leader = cluster.Members.Values.Single(m => m.Leader is not null).Sid;
        var (lagging, current) = (cluster.Members.Keys.First(s => s != leader), cluster.Members.Keys.Last(s => s != leader));
        cluster.WriteEvery(10, cluster.Now + 10);
        Assert.True(cluster.RunUntil(() => cluster.Acknowledged.Count == 1 && cluster.Settled, 10 * Second));

        // The lagging follower misses a run of writes that the leader and the other follower commit (fewer than the
        // leader's committed window, so the sync is a DIFF).
        cluster.Crash(lagging);
        cluster.WriteEvery(50, cluster.Now + 700);
        cluster.RunUntil(() => false, 2 * Second);
        Assert.InRange(cluster.Acknowledged.Count, 6, 19);

        // The leader dies; the lagging follower comes back with a very slow disk and syncs from the other one.
        cluster.Crash(leader);
        cluster.Members[lagging].DiskDelayMs = 60_000;
        cluster.Restart(lagging);
        cluster.RunUntil(() => false, Second);
        Assert.True(cluster.Members[lagging].Db.CurrentEpoch <= cluster.Members[leader].Db.CurrentEpoch,
            "the lagging follower took the new epoch before its sync was durable\n" + string.Join("\n", cluster.Trace.TakeLast(30)));

        // Both crash before the slow disk flushes; the old leader and the lagging follower restart first.
        cluster.Crash(current);
        cluster.Crash(lagging);
        cluster.Members[lagging].DiskDelayMs = null;
        cluster.Restart(lagging);
        cluster.Restart(leader);
        cluster.RunUntil(() => cluster.Settled, 30 * Second);
        cluster.Restart(current);

        AssertConverged(cluster, seed: 11);
    }

    [Fact]
    public void Under_crashes_restarts_and_partitions_no_acknowledged_write_is_lost_and_all_members_converge()
    {
        // ZKNET_SIM_SEEDS runs more seeds; ZKNET_SIM_FIRST_SEED starts elsewhere (replaying one failing seed: set both).
        var seeds = int.TryParse(Environment.GetEnvironmentVariable("ZKNET_SIM_SEEDS"), out var n) ? n : 1000;
        var first = int.TryParse(Environment.GetEnvironmentVariable("ZKNET_SIM_FIRST_SEED"), out var f) ? f : 0;
        for (var seed = first; seed < first + seeds; seed++)
        {
            var size = seed % 2 == 0 ? 3 : 5;
            var cluster = new ZabCluster(seed, participants: size) { ElectionLoss = 0.05 };
            var random = new Random(seed * 7919);
            cluster.StartAll();
            var faultsEnd = 20 * Second;
            cluster.WriteEvery(10, faultsEnd);
            while (cluster.Now < faultsEnd)
            {
                cluster.RunUntil(() => false, random.Next(200, 1500));
                InjectFault(cluster, random, size);
            }
            cluster.Heal();
            foreach (var member in cluster.Members.Values.Where(m => !m.Alive))
            {
                cluster.Restart(member.Sid);
            }

            Assert.True(cluster.RunUntil(() => cluster.Settled, 120 * Second),
                $"seed {seed}: no stable ensemble after the faults\n{string.Join("\n", cluster.Trace.TakeLast(40))}");
            AssertConverged(cluster, seed);
        }
    }

    private static void InjectFault(ZabCluster cluster, Random random, int size)
    {
        var sid = random.Next(1, size + 1);
        switch (random.Next(5))
        {
            case 0:
                cluster.Crash(sid);
                break;
            case 1:
                foreach (var down in cluster.Members.Values.Where(m => !m.Alive).ToList())
                {
                    cluster.Restart(down.Sid);
                }
                break;
            case 2:
                cluster.Partition(Enumerable.Range(1, size).Where(_ => random.Next(2) == 0).Select(s => (long)s).ToList());
                break;
            case 3:
                cluster.Heal();
                break;
            default:
                // The leader crashes: the classic failover.
                var leader = cluster.Members.Values.FirstOrDefault(m => m.Leader is not null);
                if (leader is not null)
                {
                    cluster.Crash(leader.Sid);
                }
                break;
        }
    }

    internal static void AssertConverged(ZabCluster cluster, int seed)
    {
        Assert.True(cluster.RunUntil(() => cluster.Settled, 60 * Second), $"seed {seed}: not settled");
        Assert.True(cluster.Violations.Count == 0, $"seed {seed}: {string.Join("; ", cluster.Violations)}");
        var histories = cluster.Members.Values.Select(m => string.Join(",", m.Db.Applied.Select(t => $"{t.Zxid:x}={Encoding.UTF8.GetString(t.Data)}"))).Distinct().ToList();
        Assert.True(histories.Count == 1, $"seed {seed}: members hold different histories:\n{string.Join("\n", histories)}");
        var final = cluster.Members[1].Db.Applied.Select(t => Encoding.UTF8.GetString(t.Data)).ToList();
        var missing = cluster.Acknowledged.Where(w => !final.Contains(w)).ToList();
        Assert.True(missing.Count == 0, $"seed {seed}: acknowledged writes lost: {string.Join(",", missing)}");
        Assert.Equal(final.Count, final.Distinct().Count());
        Assert.All(final, w => Assert.Contains(w, cluster.Proposed));
        var unordered = cluster.LinearizabilityViolations(final);
        Assert.True(unordered.Count == 0, $"seed {seed}: the client's writes are not linearizable: {string.Join("; ", unordered.Take(5))}");
    }
}
