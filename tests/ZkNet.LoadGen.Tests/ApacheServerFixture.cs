using System.Net.Sockets;
using ZkNet.LoadGen.Wire;
using ZkNet.TestSupport;

namespace ZkNet.LoadGen.Tests;

/// <summary>One Apache ZooKeeper 3.8 process shared by a test class, killed by pid when the class is done.</summary>
public sealed class ApacheServerFixture : IAsyncLifetime
{
    public ServerProcess Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await ServerProcess.StartAsync(ServerKind.ApacheZooKeeper);
        // Apache ZooKeeper answers ruok while it is still loading its database and closes sessions until then
        // ("ZooKeeperServer not running"), so wait, bounded, until a real session handshake succeeds.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                await using var session = await BenchSession.ConnectAsync("127.0.0.1", Server.Port, 10_000, cts.Token);
                await session.CloseSessionAsync(TimeSpan.FromSeconds(5));
                return;
            }
            catch (Exception e) when (e is IOException or SocketException && !cts.IsCancellationRequested)
            {
                await Task.Delay(100, cts.Token);
            }
        }
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
