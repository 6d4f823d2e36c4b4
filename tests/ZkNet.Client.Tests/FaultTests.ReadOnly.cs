using ZkNet.Client.Tests.Infrastructure;
using ZkNet.Protocol;

namespace ZkNet.Client.Tests;

public abstract partial class FaultTests
{
    [Fact]
    public async Task Read_only_server_is_reported_and_left_for_a_read_write_one()
    {
        await using var readOnly = new FakeReadOnlyServer();
        var events = new EventRecorder();
        var client = await ConnectAsync($"{readOnly.ConnectString},{Server.ConnectString}", MediumSession, events,
            configure: o => o with { ShuffleHosts = false, CanBeReadOnly = true });

        Assert.Equal(KeeperState.ConnectedReadOnly, (await events.NextAsync()).State);
        Assert.True((await readOnly.FirstConnect.Bounded()).ReadOnly);

        // The client probes the other servers with "isro" and moves to the one answering "rw".
        await events.StateAsync(KeeperState.Disconnected);
        await events.StateAsync(KeeperState.SyncConnected);
        Assert.Equal(ClientState.Connected, client.State);
        // A session only ever granted read-only is not resumed: the read-write server starts a real one.
        Assert.NotEqual(FakeReadOnlyServer.SessionId, client.SessionId);
        Assert.NotNull(await client.ExistsAsync("/").Bounded());
    }

    [Fact]
    public async Task A_client_that_refuses_read_only_mode_says_so_when_connecting()
    {
        await using var readOnly = new FakeReadOnlyServer();
        var client = new ZooKeeperClient(new ZooKeeperClientOptions { ConnectString = readOnly.ConnectString, ConnectTimeout = Waits.Timeout });
        await using (client)
        {
            var opening = client.OpenAsync();
            Assert.False((await readOnly.FirstConnect.Bounded()).ReadOnly);
            await opening.Bounded();
        }
    }
}
