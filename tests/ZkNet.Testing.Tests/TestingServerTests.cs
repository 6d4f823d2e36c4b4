using ZkNet.Client.Watches;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Testing.Tests;

public sealed class TestingServerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Starts_on_a_free_loopback_port_and_serves_a_client()
    {
        await using var server = await TestingServer.StartAsync().WaitAsync(Bound);
        Assert.NotEqual(0, server.Port);
        Assert.Equal($"127.0.0.1:{server.Port}", server.ConnectString);
        await using var zk = await server.ConnectAsync().WaitAsync(Bound);
        await zk.CreateAsync("/hello", "world"u8.ToArray(), Acl.OpenAclUnsafe).WaitAsync(Bound);
        var read = await zk.GetDataAsync("/hello").WaitAsync(Bound);
        Assert.Equal("world"u8.ToArray(), read.Data);
    }

    [Fact]
    public async Task Two_servers_get_different_ports()
    {
        await using var first = await TestingServer.StartAsync().WaitAsync(Bound);
        await using var second = await TestingServer.StartAsync().WaitAsync(Bound);
        Assert.NotEqual(first.Port, second.Port);
    }

    [Fact]
    public async Task Restart_keeps_the_port_the_data_and_the_session()
    {
        await using var server = await TestingServer.StartAsync().WaitAsync(Bound);
        var port = server.Port;
        await using var zk = await server.ConnectAsync().WaitAsync(Bound);
        await zk.CreateAsync("/kept", null, Acl.OpenAclUnsafe).WaitAsync(Bound);
        await zk.CreateAsync("/mine", null, Acl.OpenAclUnsafe, CreateMode.Ephemeral).WaitAsync(Bound);
        var session = zk.SessionId;

        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        zk.DefaultWatcher = Watcher.Create(e =>
        {
            if (e.State == KeeperState.Disconnected)
            {
                disconnected.TrySetResult();
            }
            else if (e.State == KeeperState.SyncConnected && disconnected.Task.IsCompleted)
            {
                reconnected.TrySetResult();
            }
        });
        await server.StopAsync().WaitAsync(Bound);
        Assert.False(server.IsRunning);
        await disconnected.Task.WaitAsync(Bound);
        await server.RestartAsync().WaitAsync(Bound);
        await reconnected.Task.WaitAsync(Bound);

        Assert.Equal(port, server.Port);
        Assert.Equal(session, zk.SessionId);
        Assert.NotNull(await zk.ExistsAsync("/kept").WaitAsync(Bound));
        Assert.NotNull(await zk.ExistsAsync("/mine").WaitAsync(Bound));
    }

    [Fact]
    public async Task Dispose_deletes_the_temporary_data_folder()
    {
        var server = await TestingServer.StartAsync().WaitAsync(Bound);
        var folder = server.DataDirectory;
        Assert.True(Directory.Exists(folder));
        await server.DisposeAsync().AsTask().WaitAsync(Bound);
        Assert.False(Directory.Exists(folder));
    }
}
