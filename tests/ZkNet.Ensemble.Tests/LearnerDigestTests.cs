using ZkNet.Persistence.TxnLog;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// With digest.enabled (the default) a leader sends the tree digest after each txn in its PROPOSAL, as a 3.8 leader
/// appends it; learners log it with the txn and compare it with their own tree when they apply the txn. So every
/// member's log can be checked on recovery, not only the leader's.
/// </summary>
public sealed class LearnerDigestTests
{
    [Fact]
    public async Task Followers_log_the_leaders_digest_with_each_txn_and_find_their_trees_agree()
    {
        await using var ensemble = new EnsembleHarness(3);
        await ensemble.StartAllAsync();
        var leader = await ensemble.WaitForQuorumAsync();
        await using (var client = await EnsembleHarness.ConnectAsync(ensemble.ConnectString))
        {
            for (var i = 0; i < 20; i++)
            {
                await client.CreateAsync($"/d{i}", [(byte)i], Acl.OpenAclUnsafe);
                await client.SetDataAsync($"/d{i}", [(byte)(i + 1)]);
            }
            await client.CreateAsync("/e", null, Acl.OpenAclUnsafe, CreateMode.Ephemeral);
            await client.DeleteAsync("/d0");
        }
        var last = ensemble.Member(leader).Core.Tree.LastProcessedZxid;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        // Each member logs and applies on its own thread; there is no cross-member event to await.
        while (ensemble.Ids.Any(id => ensemble.Member(id).Core.Tree.LastProcessedZxid < last))
        {
            Assert.True(DateTime.UtcNow < deadline, "the followers did not apply every txn");
            await Task.Delay(20);
        }
        foreach (var id in ensemble.Ids)
        {
            Assert.Equal(0, ensemble.Member(id).Core.Metrics.Counter("digest_mismatches_count").Value);
        }
        foreach (var id in ensemble.Ids.ToList())
        {
            await ensemble.StopAsync(id);
        }

        var leaderDigests = LoggedDigests(ensemble, leader);
        Assert.True(leaderDigests.Count(d => d.Value is not null) >= 40, "the leader logged too few digests");
        foreach (var follower in ensemble.Ids.Where(id => id != leader))
        {
            // Txns a learner got in its sync rather than as proposals may be in its snapshot instead of its log.
            var digests = LoggedDigests(ensemble, follower);
            var logged = leaderDigests.Where(d => digests.ContainsKey(d.Key)).ToList();
            Assert.True(logged.Count >= 40, $"member {follower} logged only {logged.Count} of the leader's txns");
            var differing = logged.Where(d => digests[d.Key] != d.Value).ToList();
            Assert.True(differing.Count == 0, $"member {follower} logged {differing.Count} of the leader's txns without its digest, e.g. 0x{differing.FirstOrDefault().Key:x}");
        }
    }

    private static Dictionary<long, long?> LoggedDigests(EnsembleHarness ensemble, long id)
    {
        var digests = new Dictionary<long, long?>();
        using var reader = TxnLogReader.Open(Path.Combine(ensemble.DataDir(id), "version-2"));
        while (reader.MoveNext())
        {
            var entry = reader.Current.Entry;
            digests[entry.Header.Zxid] = entry.Digest?.TreeDigest;
        }
        return digests;
    }
}
