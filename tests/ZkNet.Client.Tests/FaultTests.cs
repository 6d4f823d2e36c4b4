using ZkNet.Client.Exceptions;
using ZkNet.Client.Tests.Infrastructure;
using ZkNet.Client.Watches;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Client.Tests;

/// <summary>
/// Connections cut through a proxy: the session survives a drop, requests in flight fail with ConnectionLoss
/// (never lost, never answered twice), watches and credentials are restored, and a session that outlives its
/// timeout comes back Expired. The server runs with tickTime 500 ms so sessions can be short.
/// </summary>
public abstract partial class FaultTests(ServerFixture server) : ClientTestBase(server)
{
    private static readonly TimeSpan ShortSession = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MediumSession = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task Dropped_connection_resumes_the_same_session()
    {
        var proxy = StartProxy();
        var events = new EventRecorder();
        var client = await ConnectAsync(proxy.ConnectString, MediumSession, events);
        await events.StateAsync(KeeperState.SyncConnected);
        var sessionId = client.SessionId;
        await client.CreateAsync(P("eph"), null, Acl.OpenAclUnsafe, CreateMode.Ephemeral).Bounded();

        proxy.DropAll();

        await events.StateAsync(KeeperState.Disconnected);
        await events.StateAsync(KeeperState.SyncConnected);
        Assert.Equal(sessionId, client.SessionId);
        Assert.Equal(ClientState.Connected, client.State);
        Assert.Equal(sessionId, (await client.ExistsAsync(P("eph")).Bounded())!.Value.EphemeralOwner);
        Assert.Equal(2, proxy.Accepted);
    }

    [Fact]
    public async Task Requests_that_never_reached_the_server_fail_with_ConnectionLoss()
    {
        var proxy = StartProxy();
        var events = new EventRecorder();
        var client = await ConnectAsync(proxy.ConnectString, MediumSession, events);
        await client.CreateAsync(P("q"), null, Acl.OpenAclUnsafe).Bounded();
        proxy.FreezeAll();
        var tasks = Enumerable.Range(0, 200).Select(i => client.CreateAsync(P($"q/n{i}"), null, Acl.OpenAclUnsafe)).ToList();

        proxy.DropAll();

        foreach (var task in tasks)
        {
            await Assert.ThrowsAsync<ConnectionLossException>(() => task.Bounded());
        }
        await AwaitReconnectAsync(events);
        Assert.Empty(await client.GetChildrenAsync(P("q")).Bounded());
    }

    [Fact]
    public async Task Every_request_in_flight_at_a_drop_completes_exactly_once_with_its_own_outcome()
    {
        var proxy = StartProxy();
        var events = new EventRecorder();
        var client = await ConnectAsync(proxy.ConnectString, MediumSession, events);
        await client.CreateAsync(P("q"), null, Acl.OpenAclUnsafe).Bounded();
        var tasks = Enumerable.Range(0, 3000).Select(i => client.CreateAsync(P($"q/n{i}"), BitConverter.GetBytes(i), Acl.OpenAclUnsafe)).ToList();
        await tasks[0].Bounded();

        proxy.DropAll();

        await Task.WhenAny(Task.WhenAll(tasks)).Bounded();
        var succeeded = new List<int>();
        for (var i = 0; i < tasks.Count; i++)
        {
            if (tasks[i].IsCompletedSuccessfully)
            {
                Assert.Equal(P($"q/n{i}"), await tasks[i]);
                succeeded.Add(i);
            }
            else
            {
                // The only other outcome allowed: the reply was lost with the connection.
                Assert.IsType<ConnectionLossException>(tasks[i].Exception!.InnerException);
            }
        }
        await AwaitReconnectAsync(events);
        Assert.NotEmpty(succeeded);
        foreach (var i in succeeded)
        {
            Assert.Equal(i, BitConverter.ToInt32((await client.GetDataAsync(P($"q/n{i}")).Bounded()).Data));
        }
        // Replies arrive in order, so the successes are a prefix of what was sent.
        Assert.Equal(Enumerable.Range(0, succeeded.Count), succeeded);
    }

    [Fact]
    public async Task Watches_set_before_a_drop_fire_for_changes_made_while_disconnected()
    {
        var proxy = StartProxy();
        var events = new EventRecorder();
        var client = await ConnectAsync(proxy.ConnectString, MediumSession, events);
        await client.CreateAsync(P("data"), null, Acl.OpenAclUnsafe).Bounded();
        await client.CreateAsync(P("kids"), null, Acl.OpenAclUnsafe).Bounded();
        var dataWatch = new TaskWatcher();
        var childWatch = new TaskWatcher();
        var existWatch = new TaskWatcher();
        var persistent = new EventRecorder();
        await client.GetDataAsync(P("data"), dataWatch).Bounded();
        await client.GetChildrenAsync(P("kids"), childWatch).Bounded();
        await client.ExistsAsync(P("born"), existWatch).Bounded();
        await client.AddWatchAsync(P("kids"), persistent, AddWatchMode.PersistentRecursive).Bounded();

        proxy.Refuse(true);
        proxy.DropAll();
        await events.StateAsync(KeeperState.Disconnected);
        await Client.SetDataAsync(P("data"), B("changed")).Bounded();
        await Client.CreateAsync(P("kids/a"), null, Acl.OpenAclUnsafe).Bounded();
        await Client.CreateAsync(P("born"), null, Acl.OpenAclUnsafe).Bounded();
        proxy.Refuse(false);

        // setWatches carries the last zxid seen: the server fires at once what changed after it.
        Assert.Equal(EventType.NodeDataChanged, (await dataWatch.Triggered.Bounded()).Type);
        Assert.Equal(EventType.NodeChildrenChanged, (await childWatch.Triggered.Bounded()).Type);
        Assert.Equal(EventType.NodeCreated, (await existWatch.Triggered.Bounded()).Type);
        // The persistent recursive watch was re-armed (setWatches2) and sees changes made after the reconnect.
        await Client.CreateAsync(P("kids/b"), null, Acl.OpenAclUnsafe).Bounded();
        var created = await persistent.NextMatchingAsync(e => e.Path == P("kids/b"));
        Assert.Equal(EventType.NodeCreated, created.Type);
    }

    /// <summary>
    /// Waits for the reconnection after a drop. The recorder still holds the first connection's SyncConnected, so
    /// Disconnected comes first: a request made before the client has finished with the dropped connection fails
    /// with ConnectionLoss, as it should, and must not be mistaken for one made after the reconnection.
    /// </summary>
    private static async Task AwaitReconnectAsync(EventRecorder events)
    {
        await events.StateAsync(KeeperState.Disconnected);
        await events.StateAsync(KeeperState.SyncConnected);
    }

    [Fact]
    public async Task Credentials_are_sent_again_after_a_reconnect()
    {
        var proxy = StartProxy();
        var events = new EventRecorder();
        var client = await ConnectAsync(proxy.ConnectString, MediumSession, events);
        await client.AddAuthAsync("digest", B("dave:pw")).Bounded();
        await client.CreateAsync(P("mine"), B("x"), Acl.CreatorAllAcl).Bounded();

        proxy.DropAll();
        await events.StateAsync(KeeperState.Disconnected);
        await events.StateAsync(KeeperState.SyncConnected);

        Assert.Contains(await client.WhoAmIAsync().Bounded(), i => i.AuthScheme == "digest" && i.User == "dave");
        Assert.Equal("x", System.Text.Encoding.UTF8.GetString((await client.GetDataAsync(P("mine")).Bounded()).Data));
    }
}
