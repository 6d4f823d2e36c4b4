using ZkNet.Client.Tests.Infrastructure;
using ZkNet.Protocol.Records;

namespace ZkNet.Client.Tests;

/// <summary>
/// Base of the server-backed tests: one connected client per test, and a fresh root node per test so tests sharing
/// a server never see each other's nodes.
/// </summary>
public abstract class ClientTestBase(ServerFixture server) : IAsyncLifetime
{
    private readonly List<ZooKeeperClient> _clients = [];
    private readonly List<TcpProxy> _proxies = [];

    /// <summary>The server of this test class.</summary>
    protected ServerFixture Server { get; } = server;

    /// <summary>The test's client.</summary>
    protected ZooKeeperClient Client { get; private set; } = null!;

    /// <summary>A node of the test's own, created before the test.</summary>
    protected string Root { get; } = "/t" + Guid.NewGuid().ToString("N")[..12];

    /// <inheritdoc />
    public virtual async Task InitializeAsync()
    {
        Client = await ConnectAsync();
        await Client.CreateAsync(Root, null, Acl.OpenAclUnsafe).Bounded();
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync().AsTask().Bounded();
        }
        foreach (var proxy in _proxies)
        {
            await proxy.DisposeAsync();
        }
    }

    /// <summary>A proxy in front of the server, disposed after the test's clients.</summary>
    protected TcpProxy StartProxy()
    {
        var proxy = new TcpProxy(Server.Server.Port);
        _proxies.Add(proxy);
        return proxy;
    }

    /// <summary>Another client, closed after the test.</summary>
    protected async Task<ZooKeeperClient> ConnectAsync(string? connectString = null, TimeSpan? sessionTimeout = null,
        Watches.IWatcher? defaultWatcher = null, IReadOnlyList<AuthCredential>? auth = null,
        Func<ZooKeeperClientOptions, ZooKeeperClientOptions>? configure = null)
    {
        var client = await Server.ConnectAsync(connectString, sessionTimeout, defaultWatcher, auth, configure).Bounded();
        _clients.Add(client);
        return client;
    }

    /// <summary>
    /// Returns once every event the client received before this call has been delivered: the dispatcher delivers in
    /// order, so a watch fired after them arriving means they are done.
    /// </summary>
    protected async Task DispatcherBarrierAsync(ZooKeeperClient? client = null)
    {
        client ??= Client;
        var path = P("barrier-" + Guid.NewGuid().ToString("N")[..8]);
        var watcher = new Watches.TaskWatcher();
        await client.ExistsAsync(path, watcher).Bounded();
        await client.CreateAsync(path, null, Acl.OpenAclUnsafe).Bounded();
        await watcher.Triggered.Bounded();
    }

    /// <summary>
    /// Adds every item of <paramref name="stream"/> to <paramref name="into"/> until it ends. Called directly (not
    /// through Task.Run): the first MoveNext runs on the caller's thread up to its first wait, so a stream that
    /// registers itself there is registered when this returns.
    /// </summary>
    protected static async Task ReadAllAsync<T>(IAsyncEnumerable<T> stream, List<T> into)
    {
        await foreach (var item in stream)
        {
            lock (into)
            {
                into.Add(item);
            }
        }
    }

    /// <summary>A path under the test's root.</summary>
    protected string P(string name) => Root + "/" + name;

    /// <summary>UTF-8 bytes.</summary>
    protected static byte[] B(string text) => System.Text.Encoding.UTF8.GetBytes(text);
}
