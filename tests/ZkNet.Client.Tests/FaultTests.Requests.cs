using ZkNet.Client.Exceptions;
using ZkNet.Client.Tests.Infrastructure;
using ZkNet.Client.Watches;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Client.Tests;

public abstract partial class FaultTests
{
    [Fact]
    public async Task Requests_made_while_no_server_answers_fail_with_ConnectionLoss_then_work_once_reconnected()
    {
        var proxy = StartProxy();
        var events = new EventRecorder();
        var client = await ConnectAsync(proxy.ConnectString, MediumSession, events);
        proxy.Refuse(true);
        proxy.DropAll();
        await events.StateAsync(KeeperState.Disconnected);
        Assert.Equal(ClientState.Connecting, client.State);

        // As with ZooKeeper's client, a request waits for the next connection attempt and fails if it fails.
        await Assert.ThrowsAsync<ConnectionLossException>(() => client.ExistsAsync("/").Bounded());

        proxy.Refuse(false);
        await events.StateAsync(KeeperState.SyncConnected);
        Assert.NotNull(await client.ExistsAsync("/").Bounded());
    }

    [Fact]
    public async Task A_request_whose_reply_never_comes_can_be_cancelled()
    {
        var proxy = StartProxy();
        var client = await ConnectAsync(proxy.ConnectString, MediumSession);
        proxy.FreezeAll();
        using var cts = new CancellationTokenSource();
        var before = proxy.ClientBytes;
        var waiting = client.ExistsAsync("/", cancellationToken: cts.Token);
        // The request (an 18-byte frame: length, header, "/", watch flag) has left the client; the frozen link will never bring its reply.
        await proxy.WaitForClientBytesAsync(before + 18);
        Assert.False(waiting.IsCompleted);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.Bounded());
    }

    [Fact]
    public async Task Chrooted_watches_are_restored_with_their_full_server_path()
    {
        await Client.CreateAsync(P("app"), null, Acl.OpenAclUnsafe).Bounded();
        await Client.CreateAsync(P("app/n"), null, Acl.OpenAclUnsafe).Bounded();
        var proxy = StartProxy();
        var events = new EventRecorder();
        var client = await ConnectAsync(proxy.ConnectString + P("app"), MediumSession, events);
        var watch = new TaskWatcher();
        await client.GetDataAsync("/n", watch).Bounded();

        proxy.Refuse(true);
        proxy.DropAll();
        await events.StateAsync(KeeperState.Disconnected);
        await Client.SetDataAsync(P("app/n"), B("changed")).Bounded();
        proxy.Refuse(false);

        var fired = await watch.Triggered.Bounded();
        Assert.Equal((EventType.NodeDataChanged, "/n"), (fired.Type, fired.Path));
    }
}
