using ZkNet.Client;
using ZkNet.Recipes.Tests.Infrastructure;
using ZkNet.TestSupport;

namespace ZkNet.Recipes.Tests.Differential;

/// <summary>
/// One real Apache ZooKeeper 3.8 (Debian's package) per test, and clients on it that are all closed after the test:
/// the recipes' expectations run against ZooKeeper's own behaviour as well as ZkNet's.
/// </summary>
public abstract class ApacheZooKeeperTestBase : IAsyncLifetime
{
    private readonly List<ZooKeeperClient> _clients = [];

    /// <summary>The test's server.</summary>
    protected ServerProcess Server { get; private set; } = null!;

    /// <summary>zoo.cfg settings beyond ServerProcess's defaults (tickTime 2000), or null.</summary>
    protected virtual IReadOnlyDictionary<string, string>? Config => null;

    /// <inheritdoc />
    public async Task InitializeAsync() =>
        Server = await ServerProcess.StartAsync(ServerKind.ApacheZooKeeper, Config).Bounded(TimeSpan.FromMinutes(2));

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync().AsTask().Bounded();
        }
        await Server.DisposeAsync();
    }

    /// <summary>A new client asking for a 10 s session (the server may grant less), closed after the test.</summary>
    protected async Task<ZooKeeperClient> ConnectAsync()
    {
        var client = await ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions
        {
            ConnectString = Server.ConnectString,
            SessionTimeout = TimeSpan.FromSeconds(10),
        }).Bounded();
        _clients.Add(client);
        return client;
    }
}
