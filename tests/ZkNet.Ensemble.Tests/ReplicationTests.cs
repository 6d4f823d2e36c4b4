using System.Text;
using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Server.Pipeline;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// A three-member ZkNet ensemble serves clients as ZooKeeper's does: one leader, writes accepted on any member and
/// visible on every member once committed, sessions and their ephemerals shared by the ensemble, and a member that
/// was away catches up when it returns.
/// </summary>
public sealed class ReplicationTests : IAsyncLifetime
{
    private readonly EnsembleHarness _ensemble = new(3);

    public async Task InitializeAsync() => await _ensemble.StartAllAsync();

    public async Task DisposeAsync() => await _ensemble.DisposeAsync();

    [Fact]
    public async Task Writes_on_any_member_are_seen_on_every_member()
    {
        var leader = await _ensemble.WaitForQuorumAsync();
        var follower = _ensemble.Ids.First(id => id != leader);

        await using var onFollower = await EnsembleHarness.ConnectAsync(_ensemble.ConnectStringOf(follower));
        await using var onLeader = await EnsembleHarness.ConnectAsync(_ensemble.ConnectStringOf(leader));
        var path = await onFollower.CreateAsync("/from-follower", "f"u8.ToArray(), Acl.OpenAclUnsafe, CreateMode.PersistentSequential);
        await onLeader.CreateAsync("/from-leader", "l"u8.ToArray(), Acl.OpenAclUnsafe);
        await onFollower.SetDataAsync(path, "f2"u8.ToArray(), version: 0);

        foreach (var id in _ensemble.Ids)
        {
            await using var reader = await EnsembleHarness.ConnectAsync(_ensemble.ConnectStringOf(id));
            await reader.SyncAsync("/");
            Assert.Equal("f2", Encoding.UTF8.GetString((await reader.GetDataAsync(path)).Data!));
            Assert.Equal("l", Encoding.UTF8.GetString((await reader.GetDataAsync("/from-leader")).Data!));
        }
    }

    [Fact]
    public async Task A_follower_answers_a_failed_write_with_the_leaders_error_and_keeps_its_session()
    {
        var leader = await _ensemble.WaitForQuorumAsync();
        var follower = _ensemble.Ids.First(id => id != leader);
        await using var client = await EnsembleHarness.ConnectAsync(_ensemble.ConnectStringOf(follower));

        await client.CreateAsync("/once", null, Acl.OpenAclUnsafe);
        var duplicate = await Assert.ThrowsAnyAsync<KeeperException>(() => client.CreateAsync("/once", null, Acl.OpenAclUnsafe));
        Assert.Equal(ErrorCode.NodeExists, duplicate.Code);
        var stale = await Assert.ThrowsAnyAsync<KeeperException>(() => client.SetDataAsync("/once", null, version: 7));
        Assert.Equal(ErrorCode.BadVersion, stale.Code);

        Assert.NotNull(await client.ExistsAsync("/once"));
    }

    [Fact]
    public async Task A_session_made_on_a_follower_is_the_ensembles_and_its_ephemerals_go_when_it_closes()
    {
        var leader = await _ensemble.WaitForQuorumAsync();
        var follower = _ensemble.Ids.First(id => id != leader);
        await using var observer = await EnsembleHarness.ConnectAsync(_ensemble.ConnectStringOf(leader));
        var client = await EnsembleHarness.ConnectAsync(_ensemble.ConnectStringOf(follower));
        await client.CreateAsync("/owned", null, Acl.OpenAclUnsafe, CreateMode.Ephemeral);

        var owner = (await observer.ExistsAsync("/owned"))!.Value.EphemeralOwner;
        Assert.Equal(client.SessionId, owner);
        Assert.Equal(follower, client.SessionId >>> 56);

        await client.CloseAsync();
        await client.DisposeAsync();
        await observer.SyncAsync("/");
        Assert.Null(await observer.ExistsAsync("/owned"));
    }

    [Fact]
    public async Task A_member_that_was_away_catches_up_when_it_returns()
    {
        var leader = await _ensemble.WaitForQuorumAsync();
        var away = _ensemble.Ids.First(id => id != leader);
        await _ensemble.StopAsync(away);
        await using (var client = await EnsembleHarness.ConnectAsync(_ensemble.ConnectStringOf(leader)))
        {
            for (var i = 0; i < 20; i++)
            {
                await client.CreateAsync($"/while-away-{i}", null, Acl.OpenAclUnsafe);
            }
        }

        await _ensemble.StartAsync(away);
        await _ensemble.WaitForQuorumAsync();

        await using var returned = await EnsembleHarness.ConnectAsync(_ensemble.ConnectStringOf(away));
        await returned.SyncAsync("/");
        var children = await returned.GetChildrenAsync("/");
        Assert.Equal(20, children.Count(c => c.StartsWith("while-away-", StringComparison.Ordinal)));
        Assert.Equal(ServerRole.Following, _ensemble.Member(away).Core.Role);
    }
}
