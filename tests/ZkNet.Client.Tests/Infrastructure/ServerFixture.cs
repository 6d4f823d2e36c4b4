using ZkNet.Client.Watches;
using ZkNet.TestSupport;

namespace ZkNet.Client.Tests.Infrastructure;

/// <summary>
/// One real server process per test class (Apache ZooKeeper 3.8 or ZkNet), started before the class's first test
/// and killed after its last. Tests share it, so each works under a path of its own.
/// </summary>
public abstract class ServerFixture : IAsyncLifetime
{
    private ServerProcess? _server;

    /// <summary>Which server.</summary>
    public abstract ServerKind Kind { get; }

    /// <summary>zoo.cfg entries beyond ServerProcess's defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string>? ExtraConfig => null;

    /// <summary>The running server.</summary>
    public ServerProcess Server => _server ?? throw new InvalidOperationException("server not started");

    /// <summary>host:port of the server.</summary>
    public string ConnectString => Server.ConnectString;

    /// <inheritdoc />
    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync(Kind, ExtraConfig);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>Connects a client to <paramref name="connectString"/> (the server itself by default), bounded in time.</summary>
    public async Task<ZooKeeperClient> ConnectAsync(string? connectString = null, TimeSpan? sessionTimeout = null,
        IWatcher? defaultWatcher = null, IReadOnlyList<AuthCredential>? auth = null,
        Func<ZooKeeperClientOptions, ZooKeeperClientOptions>? configure = null)
    {
        var options = new ZooKeeperClientOptions
        {
            ConnectString = connectString ?? ConnectString,
            SessionTimeout = sessionTimeout ?? TimeSpan.FromSeconds(10),
            ConnectTimeout = Waits.Timeout,
            Auth = auth ?? [],
        };
        var client = new ZooKeeperClient(configure?.Invoke(options) ?? options)
        {
            DefaultWatcher = defaultWatcher,
        };
        try
        {
            await client.OpenAsync();
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }
}
