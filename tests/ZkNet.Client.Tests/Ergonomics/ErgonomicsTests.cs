using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ZkNet.Client.DependencyInjection;
using ZkNet.Client.Exceptions;
using ZkNet.Client.Tests.Infrastructure;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Testing;

namespace ZkNet.Client.Tests.Ergonomics;

/// <summary>Create with parents, recursive delete, connection states and DI, against an in-process ZkNet (ZkNet.Testing).</summary>
public sealed class ErgonomicsTests : IAsyncLifetime
{
    private TestingServer _server = null!;

    public async Task InitializeAsync() => _server = await TestingServer.StartAsync(new TestingServerOptions { TickTime = 250 }).Bounded();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Create_with_parents_makes_every_missing_ancestor_and_tolerates_existing_ones()
    {
        await using IZooKeeperClient zk = await _server.ConnectAsync().Bounded();
        await zk.CreateAsync("/a", null, Acl.OpenAclUnsafe).Bounded();
        var created = await zk.CreateWithParentsAsync("/a/b/c/d", "x"u8.ToArray(), Acl.OpenAclUnsafe, CreateMode.PersistentSequential,
            parentMode: CreateMode.Container).Bounded();
        Assert.StartsWith("/a/b/c/d", created, StringComparison.Ordinal);
        Assert.Equal("x"u8.ToArray(), (await zk.GetDataAsync(created).Bounded()).Data);
        Assert.NotNull(await zk.ExistsAsync("/a/b/c").Bounded());
        await Assert.ThrowsAsync<NodeExistsException>(() => zk.CreateWithParentsAsync("/a/b", null, Acl.OpenAclUnsafe).Bounded());
    }

    [Fact]
    public async Task Recursive_delete_removes_a_whole_subtree_and_reports_a_missing_node()
    {
        await using IZooKeeperClient zk = await _server.ConnectAsync().Bounded();
        foreach (var path in new[] { "/r/x/1", "/r/x/2/deep", "/r/y" })
        {
            await zk.CreateWithParentsAsync(path, null, Acl.OpenAclUnsafe).Bounded();
        }
        Assert.True(await zk.DeleteRecursiveAsync("/r").Bounded());
        Assert.Null(await zk.ExistsAsync("/r").Bounded());
        Assert.False(await zk.DeleteRecursiveAsync("/r").Bounded());
        await Assert.ThrowsAsync<ArgumentException>(() => zk.DeleteRecursiveAsync("/"));
    }

    [Fact]
    public async Task Connection_states_go_suspended_then_lost_after_the_session_timeout_then_the_client_learns_its_fate()
    {
        await using var zk = await _server.ConnectAsync(o => o with { SessionTimeout = TimeSpan.FromSeconds(1) }).Bounded();
        Assert.Equal(ConnectionState.Connected, zk.ConnectionState);
        var states = new List<ConnectionState>();
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var suspended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = zk.AddConnectionStateListener(state =>
        {
            lock (states)
            {
                states.Add(state);
            }
            if (state == ConnectionState.Suspended)
            {
                suspended.TrySetResult();
            }
            if (state == ConnectionState.Lost)
            {
                lost.TrySetResult();
            }
        });
        await _server.StopAsync().Bounded();
        await suspended.Task.Bounded();
        // No server to say Expired: the listener must still be told once the whole session timeout has passed.
        await lost.Task.Bounded();
        lock (states)
        {
            Assert.Equal([ConnectionState.Suspended, ConnectionState.Lost], states);
        }
    }

    [Fact]
    public async Task Connection_states_report_suspended_and_reconnected_across_a_server_restart()
    {
        await using var zk = await _server.ConnectAsync(o => o with { SessionTimeout = TimeSpan.FromSeconds(5) }).Bounded();
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var states = new List<ConnectionState>();
        using var registration = zk.AddConnectionStateListener(state =>
        {
            lock (states)
            {
                states.Add(state);
            }
            if (state == ConnectionState.Reconnected)
            {
                reconnected.TrySetResult();
            }
            return ValueTask.CompletedTask;
        });
        var session = zk.SessionId;
        await _server.RestartAsync().Bounded();
        await reconnected.Task.Bounded();
        Assert.Equal(session, zk.SessionId);
        lock (states)
        {
            Assert.Equal([ConnectionState.Suspended, ConnectionState.Reconnected], states);
        }
    }

    [Fact]
    public async Task AddZooKeeperClient_binds_a_configuration_section_and_serves_a_connected_client()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ZooKeeper:ConnectString"] = _server.ConnectString,
            ["ZooKeeper:SessionTimeout"] = "00:00:07",
        }).Build();
        var services = new ServiceCollection().AddZooKeeperClient(configuration.GetSection("ZooKeeper"));
        await using (var provider = services.BuildServiceProvider())
        {
            var zk = provider.GetRequiredService<IZooKeeperClient>();
            Assert.Same(zk, provider.GetRequiredService<ZooKeeperClient>());
            Assert.Equal(TimeSpan.FromSeconds(7), provider.GetRequiredService<ZooKeeperClient>().Options.SessionTimeout);
            await zk.CreateAsync("/di", null, Acl.OpenAclUnsafe, CreateMode.Ephemeral).Bounded();
            Assert.Equal(ClientState.Connected, zk.State);
        }
        await using var check = await _server.ConnectAsync().Bounded();
        // Disposing the provider closed the client's session, so its ephemeral node went with it.
        Assert.Null(await check.ExistsAsync("/di").Bounded());

        var missing = new ServiceCollection().AddZooKeeperClient(_ => { }).BuildServiceProvider();
        Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => missing.GetRequiredService<IZooKeeperClient>());
    }
}
