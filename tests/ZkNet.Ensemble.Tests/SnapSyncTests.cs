using System.Text;
using ZkNet.Client.Exceptions;
using ZkNet.Ensemble.Tests.Faults;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Server.Pipeline;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// A follower too far behind for a DIFF is synchronised by SNAP while clients keep writing: the leader serializes its
/// tree off the request thread (fuzzy, as ZooKeeper's LearnerHandler does) and sends the txns after the snapshot's
/// zxid behind it, so the follower converges to exactly the leader's tree, Stat for Stat.
/// </summary>
public sealed class SnapSyncTests : IAsyncLifetime
{
    private readonly EnsembleHarness _ensemble = new(3);

    public async Task InitializeAsync() => await _ensemble.StartAllAsync();

    public async Task DisposeAsync() => await _ensemble.DisposeAsync();

    [Fact]
    public async Task A_follower_synchronised_by_SNAP_during_writes_ends_with_the_leaders_exact_tree()
    {
        var leader = await _ensemble.WaitForQuorumAsync();
        var away = _ensemble.Ids.First(id => id != leader);
        await _ensemble.StopAsync(away);
        await using var client = await EnsembleHarness.ConnectAsync(_ensemble.ConnectStringOf(leader));
        await client.CreateAsync("/snap", null, Acl.OpenAclUnsafe);
        // More than the leader's committed window (500 txns): the returning follower cannot be sent a DIFF.
        for (var batch = 0; batch < 8; batch++)
        {
            await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
                client.CreateAsync($"/snap/n{batch * 100 + i}", Encoding.UTF8.GetBytes("v0"), Acl.OpenAclUnsafe)));
        }
        var snapsBefore = _ensemble.Member(leader).MemberSnapCount();

        using var stop = new CancellationTokenSource();
        var writer = WriteUntilStoppedAsync(client, stop.Token);
        await _ensemble.StartAsync(away);
        await _ensemble.WaitForQuorumAsync();
        await stop.CancelAsync();
        var writes = await writer;

        Assert.True(_ensemble.Member(leader).MemberSnapCount() > snapsBefore, "the follower was not synchronised by SNAP");
        Assert.True(writes > 0, "no write ran during the sync");
        Assert.Equal(ServerRole.Following, _ensemble.Member(away).Core.Role);
        var expected = await Trees.ReadAsync(_ensemble.ConnectStringOf(leader));
        Assert.Equal(expected, await Trees.ReadAsync(_ensemble.ConnectStringOf(away)));
    }

    [Fact]
    public async Task A_large_tree_with_big_values_reaches_a_follower_by_SNAP_intact()
    {
        var leader = await _ensemble.WaitForQuorumAsync();
        var away = _ensemble.Ids.First(id => id != leader);
        await _ensemble.StopAsync(away);
        var random = new Random(7);
        var big = Enumerable.Range(0, 40).Select(_ =>
        {
            var value = new byte[512 * 1024];
            random.NextBytes(value);
            return value;
        }).ToList();
        await using (var client = await EnsembleHarness.ConnectAsync(_ensemble.ConnectStringOf(leader)))
        {
            await client.CreateAsync("/large", null, Acl.OpenAclUnsafe);
            await client.CreateAsync("/large/big", null, Acl.OpenAclUnsafe);
            for (var i = 0; i < big.Count; i++)
            {
                await client.CreateAsync($"/large/big/v{i}", big[i], Acl.OpenAclUnsafe);
            }
            // Many small nodes (far more txns than a DIFF may carry), in a few levels.
            for (var parent = 0; parent < 10; parent++)
            {
                await client.CreateAsync($"/large/p{parent}", null, Acl.OpenAclUnsafe);
                await Task.WhenAll(Enumerable.Range(0, 1_000).Select(i =>
                    client.CreateAsync($"/large/p{parent}/n{i}", new byte[50 + (i % 150)], Acl.OpenAclUnsafe)));
            }
        }
        var snapsBefore = _ensemble.Member(leader).MemberSnapCount();

        await _ensemble.StartAsync(away);
        await _ensemble.WaitForQuorumAsync();

        Assert.True(_ensemble.Member(leader).MemberSnapCount() > snapsBefore, "the follower was not synchronised by SNAP");
        var expected = await StateOfAsync(leader);
        Assert.True(expected.Nodes > 10_050, $"the leader holds only {expected.Nodes} nodes");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        // The follower serves once synchronised; a txn the leader made meanwhile (a session's close) may still be on
        // its way: wait for the states to agree rather than compare once.
        while (await StateOfAsync(away) != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"member {away} did not reach the leader's state {expected}: {await StateOfAsync(away)}");
            await Task.Delay(20);
            expected = await StateOfAsync(leader);
        }
        await using var reader = await EnsembleHarness.ConnectAsync(_ensemble.ConnectStringOf(away));
        foreach (var i in new[] { 0, 17, 39 })
        {
            Assert.Equal(big[i], (await reader.GetDataAsync($"/large/big/v{i}")).Data);
        }
    }

    /// <summary>A member's last applied zxid, node count and tree digest, read on its processor thread.</summary>
    private Task<(long Zxid, int Nodes, long Digest)> StateOfAsync(long id)
    {
        var core = _ensemble.Member(id).Core;
        return core.InspectAsync(() => (core.Tree.LastProcessedZxid, core.Tree.NodeCount, core.Tree.TreeDigest));
    }

    /// <summary>Sets, creates and deletes under /snap until stopped; returns how many writes succeeded.</summary>
    private static async Task<int> WriteUntilStoppedAsync(ZkNet.Client.ZooKeeperClient client, CancellationToken stop)
    {
        var done = 0;
        for (var i = 0; !stop.IsCancellationRequested && i < 100_000; i++)
        {
            try
            {
                await Task.WhenAll(
                    client.SetDataAsync($"/snap/n{i % 800}", Encoding.UTF8.GetBytes("v" + i), cancellationToken: CancellationToken.None),
                    client.CreateAsync($"/snap/extra{i}", null, Acl.OpenAclUnsafe, cancellationToken: CancellationToken.None),
                    client.DeleteAsync($"/snap/n{(i * 7) % 800}", cancellationToken: CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default));
                done += 2;
            }
            catch (KeeperException)
            {
                // A write racing its own delete (NoNode): fine, the trees are compared afterwards.
            }
        }
        return done;
    }
}
