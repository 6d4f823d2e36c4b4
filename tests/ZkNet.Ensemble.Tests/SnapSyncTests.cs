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
