using ZkNet.Client;
using ZkNet.Testing;

namespace ZkNet.Recipes.Tests.Infrastructure;

/// <summary>
/// One in-process ZkNet (ZkNet.Testing) per test, with a short tick so session expiry tests are quick, and helpers to
/// connect clients that are all closed after the test.
/// </summary>
public abstract class RecipeTestBase : IAsyncLifetime
{
    private readonly List<ZooKeeperClient> _clients = [];
    private readonly List<ProxiedClient> _proxied = [];

    /// <summary>The test's server.</summary>
    protected TestingServer Server { get; private set; } = null!;

    /// <summary>The tick of the test server: sessions may last from 2 to 20 of them.</summary>
    protected virtual int TickTime => 250;

    /// <inheritdoc />
    public virtual async Task InitializeAsync() =>
        Server = await TestingServer.StartAsync(new TestingServerOptions { TickTime = TickTime }).Bounded();

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync().AsTask().Bounded();
        }
        foreach (var proxied in _proxied)
        {
            await proxied.DisposeAsync();
        }
        await Server.DisposeAsync();
    }

    /// <summary>A new client with its own session (5 s unless told), closed after the test.</summary>
    protected async Task<ZooKeeperClient> ConnectAsync(TimeSpan? sessionTimeout = null)
    {
        var client = await Server.ConnectAsync(o => o with { SessionTimeout = sessionTimeout ?? TimeSpan.FromSeconds(5) }).Bounded();
        lock (_clients)
        {
            _clients.Add(client);
        }
        return client;
    }

    /// <summary>
    /// A new client that reaches the server through a cuttable proxy (its session 1 s unless told, so that expiring it
    /// is quick), closed after the test.
    /// </summary>
    protected async Task<ProxiedClient> ConnectThroughProxyAsync(TimeSpan? sessionTimeout = null)
    {
        var proxy = new CuttableProxy(Server.Port);
        var client = await ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions
        {
            ConnectString = proxy.ConnectString,
            SessionTimeout = sessionTimeout ?? TimeSpan.FromSeconds(1),
        }).Bounded();
        var proxied = new ProxiedClient(client, proxy);
        lock (_clients)
        {
            _proxied.Add(proxied);
        }
        return proxied;
    }

    /// <summary>Completes when <paramref name="path"/> exists.</summary>
    protected static Task WaitForNodeAsync(IZooKeeperClient client, string path) => Waits.NodeExistsAsync(client, path);
}
