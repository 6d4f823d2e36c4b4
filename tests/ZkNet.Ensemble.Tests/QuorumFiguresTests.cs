using System.Text;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.TestSupport;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// What an ensemble member reports of its quorum, against Apache ZooKeeper 3.8 ensembles run the same way: mntr's key
/// set on the leader and on a follower (the quorum keys included), the figures the ensemble's shape decides, and
/// srvr's proposal sizes on the leader.
/// </summary>
public sealed partial class QuorumFiguresTests
{
    [System.Text.RegularExpressions.GeneratedRegex(@"_(\d+)(_learner_handler_qp)")]
    private static partial System.Text.RegularExpressions.Regex LearnerKey();

    [Fact]
    public async Task Leader_and_follower_mntr_have_Apache_ZooKeepers_keys_and_quorum_figures()
    {
        await using var zknet = new ProcessEnsemble(ServerKind.ZkNet, ServerKind.ZkNet, ServerKind.ZkNet);
        await using var apache = new ProcessEnsemble(ServerKind.ApacheZooKeeper, ServerKind.ApacheZooKeeper, ServerKind.ApacheZooKeeper);
        var zknetFigures = await FiguresAfterOneWriteAsync(zknet);
        var apacheFigures = await FiguresAfterOneWriteAsync(apache);

        foreach (var role in new[] { "leader", "follower" })
        {
            var expected = apacheFigures[role].Keys.Where(k => !k.EndsWith("_jvm_pause_time_ms", StringComparison.Ordinal)).ToHashSet();
            var actual = zknetFigures[role].Keys.ToHashSet();
            Assert.True(expected.SetEquals(actual),
                $"{role}: missing [{string.Join(", ", expected.Except(actual).Order())}], extra [{string.Join(", ", actual.Except(expected).Order())}]");
            foreach (var key in new[] { "zk_server_state", "zk_peer_state", "zk_quorum_size", "zk_learners", "zk_synced_followers",
                "zk_synced_observers", "zk_synced_non_voting_followers", "zk_pending_syncs" })
            {
                Assert.Equal(apacheFigures[role].GetValueOrDefault(key), zknetFigures[role].GetValueOrDefault(key));
            }
            // Every member times the fsyncs of its own log (the write above was logged everywhere).
            foreach (var figures in new[] { apacheFigures[role], zknetFigures[role] })
            {
                Assert.True(long.Parse(figures["zk_cnt_fsynctime"]) >= 1, $"{role}: zk_cnt_fsynctime {figures["zk_cnt_fsynctime"]}");
                Assert.True(long.Parse(figures["zk_cnt_sync_processor_batch_size"]) >= 1, $"{role}: zk_cnt_sync_processor_batch_size");
            }
        }
        Assert.Equal("leading - broadcast", zknetFigures["leader"]["zk_peer_state"]);
        Assert.Equal("2", zknetFigures["leader"]["zk_synced_followers"]);
        Assert.True(long.Parse(zknetFigures["leader"]["zk_max_proposal_size"]) > 0, "a write was proposed");
        Assert.True(long.Parse(zknetFigures["leader"]["zk_leader_uptime"]) > 0);
    }

    /// <summary>
    /// Waits until the leader has both followers synced, makes one write, and returns mntr of the leader and of a
    /// follower keyed by role (the leader's srvr proposal line is checked on the way).
    /// </summary>
    private static async Task<Dictionary<string, Dictionary<string, string>>> FiguresAfterOneWriteAsync(ProcessEnsemble ensemble)
    {
        await ensemble.StartAllAsync();
        var leader = await ensemble.WaitForQuorumAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await MntrAsync(ensemble, leader)).GetValueOrDefault("zk_synced_followers") != "2")
        {
            Assert.True(DateTime.UtcNow < deadline, "the leader did not report two synced followers:\n" + ensemble.Report());
            // Figures of another process, polled over 4lw: there is no event to wait on.
            await Task.Delay(100);
        }
        await using (var client = await ProcessEnsemble.ConnectAsync(ensemble.ConnectStringOf(leader)))
        {
            await client.CreateAsync("/figures", Encoding.UTF8.GetBytes("proposed"), Acl.OpenAclUnsafe, CreateMode.Persistent);
            // Every member publishes the ensemble's configuration in /zookeeper/config (zkCli's config command and
            // Curator's EnsembleTracker read it): one line per server, then the config version.
            foreach (var id in ensemble.Ids)
            {
                await using var reader = await ProcessEnsemble.ConnectAsync(ensemble.ConnectStringOf(id));
                var config = await reader.GetConfigAsync();
                var (data, stat) = (config.Data, config.Stat);
                Assert.Matches(@"^server\.1=127\.0\.0\.1:\d+:\d+:participant\nserver\.2=127\.0\.0\.1:\d+:\d+:participant\n"
                    + @"server\.3=127\.0\.0\.1:\d+:\d+:participant\nversion=0$", Encoding.UTF8.GetString(data!));
                Assert.Equal((-1, 0L, 0L), (stat.Version, stat.Czxid, stat.Mzxid));
            }
        }
        var srvr = await ensemble.FourLetterWordAsync(leader, "srvr");
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(srvr, @"Proposal sizes last/min/max: \d+/\d+/\d+\n"), srvr);
        var follower = ensemble.Ids.First(id => id != leader);
        return new()
        {
            ["leader"] = await MntrAsync(ensemble, leader),
            ["follower"] = await MntrAsync(ensemble, follower),
        };
    }

    private static async Task<Dictionary<string, string>> MntrAsync(ProcessEnsemble ensemble, long id)
    {
        var text = await ensemble.FourLetterWordAsync(id, "mntr");
        var pairs = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
        // Per-learner figures are keyed by the learner's id, and the two ensembles elect different leaders: number
        // the learners in id order instead.
        var learners = pairs.Select(p => LearnerKey().Match(p[0])).Where(m => m.Success).Select(m => long.Parse(m.Groups[1].Value))
            .Distinct().Order().Select((sid, i) => (sid, i)).ToDictionary(x => x.sid.ToString(System.Globalization.CultureInfo.InvariantCulture), x => "learner" + x.i);
        return pairs.ToDictionary(p => LearnerKey().Replace(p[0], m => "_" + learners[m.Groups[1].Value] + m.Groups[2].Value),
            p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);
    }
}
