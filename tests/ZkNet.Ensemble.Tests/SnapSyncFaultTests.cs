using Microsoft.Extensions.Logging.Abstractions;
using ZkNet.Ensemble.Tests.Faults;
using ZkNet.Persistence.Database;
using ZkNet.Persistence.DataDir;
using ZkNet.Protocol.Records;
using ZkNet.Server.Pipeline;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// A learner reads a SNAP's snapshot straight off its connection into a new tree: when the connection is cut part way
/// through, the read fails with the stream's end, the learner gives the sync up and the member elects and tries again,
/// its tree in memory and its data directory untouched (the snapshot replaces them only once read whole, and only
/// NEWLEADER persists it). The try after the link is whole again synchronises it.
/// </summary>
public sealed class SnapSyncFaultTests
{
    [Fact]
    public async Task A_learner_whose_snapshot_stream_is_cut_gives_up_the_sync_keeps_its_data_and_syncs_on_a_later_try()
    {
        await using var ensemble = new EnsembleHarness(3);
        await ensemble.StartAllAsync();
        var leader = await ensemble.WaitForQuorumAsync();
        var away = ensemble.Ids.First(id => id != leader);
        await using (var client = await EnsembleHarness.ConnectAsync(ensemble.ConnectStringOf(leader)))
        {
            await client.CreateAsync("/kept", "before"u8.ToArray(), Acl.OpenAclUnsafe);
        }
        await WaitForZxidAsync(ensemble, away, ensemble.Member(leader).Core.Tree.LastProcessedZxid);
        await ensemble.StopAsync(away);
        var before = Recover(ensemble, away);
        await using (var client = await EnsembleHarness.ConnectAsync(ensemble.ConnectStringOf(leader)))
        {
            // More txns than a DIFF may carry, and a snapshot of ~2.5 MB, so the cut at 1 MB falls inside it.
            await client.CreateAsync("/later", null, Acl.OpenAclUnsafe);
            await Task.WhenAll(Enumerable.Range(0, 600).Select(i => client.CreateAsync($"/later/n{i}", new byte[4096], Acl.OpenAclUnsafe)));
        }
        var snapsBefore = ensemble.Member(leader).MemberSnapCount();
        await using var proxy = new TruncatingProxy(ensemble.QuorumPort(leader), limit: 1 << 20);
        ensemble.RouteQuorum(away, leader, proxy.Port);

        await ensemble.StartAsync(away);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        // Cuts happen on the proxy's connections, each a sync the learner tried: no event of the member's to await.
        while (proxy.Truncated < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {proxy.Truncated} sync(s) cut in time");
            await Task.Delay(20);
        }
        Assert.False(ensemble.Member(away).Core is { IsServing: true, Role: ServerRole.Following }, "the learner serves after a cut snapshot");
        Assert.True(ensemble.Member(leader).MemberSnapCount() >= snapsBefore + 2, "the leader did not sync the learner by SNAP");
        await ensemble.StopAsync(away);
        var afterCuts = Recover(ensemble, away);
        Assert.Equal(before, afterCuts);

        proxy.Truncating = false;
        await ensemble.StartAsync(away);
        await ensemble.WaitForQuorumAsync();

        var expected = await StateOfAsync(ensemble, leader);
        Assert.True(expected.Nodes > 600, $"the leader holds only {expected.Nodes} nodes");
        deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await StateOfAsync(ensemble, away) != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"member {away} did not reach the leader's state {expected}: {await StateOfAsync(ensemble, away)}");
            await Task.Delay(20);
        }
    }

    /// <summary>What a stopped member's data directory recovers to: its last zxid, node count and tree digest.</summary>
    private static (long Zxid, int Nodes, long Digest) Recover(EnsembleHarness ensemble, long id)
    {
        var recovered = ZkDatabase.Load(new FileTxnSnapLog(ensemble.DataDir(id)), extendedTypesEnabled: false, trustEmptySnapshot: true,
            NullLogger.Instance, repairTornTail: false);
        Assert.NotNull(recovered.Tree.GetNode("/kept"));
        return (recovered.Tree.LastProcessedZxid, recovered.Tree.NodeCount, recovered.Tree.TreeDigest);
    }

    private static Task<(long Zxid, int Nodes, long Digest)> StateOfAsync(EnsembleHarness ensemble, long id)
    {
        var core = ensemble.Member(id).Core;
        return core.InspectAsync(() => (core.Tree.LastProcessedZxid, core.Tree.NodeCount, core.Tree.TreeDigest));
    }

    private static async Task WaitForZxidAsync(EnsembleHarness ensemble, long id, long zxid)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        // A follower applies on its own thread: no event to await from here.
        while (ensemble.Member(id).Core.Tree.LastProcessedZxid < zxid)
        {
            Assert.True(DateTime.UtcNow < deadline, $"member {id} did not apply 0x{zxid:x}");
            await Task.Delay(20);
        }
    }
}
