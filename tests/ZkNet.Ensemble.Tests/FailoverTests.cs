using System.Text;
using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Client.Retry;
using ZkNet.Client.Watches;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Server.Pipeline;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// What an ensemble exists for: losing a minority of members loses no acknowledged write and no session. The leader
/// alone expires sessions, so a session on a follower lives while its client pings, and dies (with its ephemerals)
/// when its client is gone.
/// </summary>
public sealed class FailoverTests : IAsyncLifetime
{
    private static readonly RetryNTimes Retry = new(20, TimeSpan.FromMilliseconds(250));

    private readonly EnsembleHarness _ensemble = new(3);

    public async Task InitializeAsync() => await _ensemble.StartAllAsync();

    public async Task DisposeAsync() => await _ensemble.DisposeAsync();

    [Fact]
    public async Task When_the_leader_stops_a_new_one_is_elected_and_every_acknowledged_write_and_session_survives()
    {
        var leader = await _ensemble.WaitForQuorumAsync();
        await using var client = await EnsembleHarness.ConnectAsync(_ensemble.ConnectString, TimeSpan.FromSeconds(10));
        await client.CreateAsync("/app", null, Acl.OpenAclUnsafe);
        for (var i = 0; i < 50; i++)
        {
            await client.CreateAsync($"/app/n{i}", Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), Acl.OpenAclUnsafe);
        }
        await client.CreateAsync("/app/mine", null, Acl.OpenAclUnsafe, CreateMode.Ephemeral);
        var session = client.SessionId;

        await _ensemble.StopAsync(leader);
        var newLeader = await _ensemble.WaitForQuorumAsync();
        Assert.NotEqual(leader, newLeader);

        // The same session carries on through whichever member it reaches. A request caught by the switch fails with
        // ConnectionLoss, as with ZooKeeper, and is retried as an application would.
        await RetryLoop.RunAsync(Retry, async token =>
        {
            try
            {
                await client.CreateAsync("/app/after", null, Acl.OpenAclUnsafe, cancellationToken: token);
            }
            catch (NodeExistsException)
            {
                // The attempt that lost its connection had been applied.
            }
        });
        Assert.Equal(session, client.SessionId);
        var children = await RetryLoop.RunAsync(Retry, token => client.GetChildrenAsync("/app", cancellationToken: token));
        Assert.Equal(52, children.Count);
        Assert.Contains("mine", children);

        // The old leader comes back as a follower and learns what happened without it.
        await _ensemble.StartAsync(leader);
        await _ensemble.WaitForQuorumAsync();
        Assert.Equal(ServerRole.Following, _ensemble.Member(leader).Core.Role);
        await using var onOld = await EnsembleHarness.ConnectAsync(_ensemble.ConnectStringOf(leader));
        await onOld.SyncAsync("/");
        Assert.Equal(52, (await onOld.GetChildrenAsync("/app")).Count);
        Assert.Equal("7", Encoding.UTF8.GetString((await onOld.GetDataAsync("/app/n7")).Data!));
    }

    [Fact]
    public async Task A_session_on_a_follower_stays_alive_while_its_client_pings()
    {
        var leader = await _ensemble.WaitForQuorumAsync();
        var follower = _ensemble.Ids.First(id => id != leader);
        // The longest timeout the harness allows (20 ticks): a loaded machine must not look like a dead client.
        var timeout = TimeSpan.FromMilliseconds(4000);
        await using var client = await EnsembleHarness.ConnectAsync(_ensemble.ConnectStringOf(follower), timeout);
        await client.CreateAsync("/alive", null, Acl.OpenAclUnsafe, CreateMode.Ephemeral);

        // Only pings reach the follower for several session timeouts; the leader hears of them through its pings.
        await Task.Delay(timeout * 2.5);

        await using var onLeader = await EnsembleHarness.ConnectAsync(_ensemble.ConnectStringOf(leader));
        Assert.Equal(client.SessionId, (await onLeader.ExistsAsync("/alive"))?.EphemeralOwner);
    }

    [Fact]
    public async Task The_leader_expires_a_session_whose_follower_is_gone_and_its_ephemerals_go()
    {
        var leader = await _ensemble.WaitForQuorumAsync();
        var follower = _ensemble.Ids.First(id => id != leader);
        var client = await EnsembleHarness.ConnectAsync(_ensemble.ConnectStringOf(follower), TimeSpan.FromMilliseconds(1000));
        await client.CreateAsync("/orphan", null, Acl.OpenAclUnsafe, CreateMode.Ephemeral);
        await using var onLeader = await EnsembleHarness.ConnectAsync(_ensemble.ConnectStringOf(leader));
        var deleted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.NotNull(await onLeader.ExistsAsync("/orphan", Watcher.Create(e =>
        {
            if (e.Type == EventType.NodeDeleted)
            {
                deleted.TrySetResult();
            }
        })));

        await _ensemble.StopAsync(follower);

        await deleted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Null(await onLeader.ExistsAsync("/orphan"));
        await client.DisposeAsync();
    }
}
