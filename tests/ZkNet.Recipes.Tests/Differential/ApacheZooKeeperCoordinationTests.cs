using ZkNet.Client;
using ZkNet.Recipes.Tests.Infrastructure;
using ZkNet.Recipes.Tests.Interop;
using ZkNet.TestSupport;

namespace ZkNet.Recipes.Tests.Differential;

/// <summary>
/// The Curator interop scenarios of Interop/CuratorCoordinationInteropTests against the real Apache ZooKeeper 3.8, so
/// that what they expect of ZkNet is ZooKeeper's behaviour too. One server for all of them (it is slow to start), with
/// ZkNet's test tick, so that an unclosed session expires within seconds.
/// </summary>
public sealed class ApacheZooKeeperCoordinationTests : IAsyncLifetime
{
    private ServerProcess _server = null!;
    private readonly List<ZooKeeperClient> _clients = [];

    public async Task InitializeAsync() =>
        _server = await ServerProcess.StartAsync(ServerKind.ApacheZooKeeper, new Dictionary<string, string> { ["tickTime"] = "250" })
            .Bounded(TimeSpan.FromMinutes(2));

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync().AsTask().Bounded();
        }
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Curator_priority_queue_group_member_and_double_barrier_interoperate_with_ZkNet_on_ZooKeeper()
    {
        var target = new InteropTarget(_server.ConnectString, ConnectAsync);
        await CuratorPriorityQueueScenario.RunAsync(target, "/apache/priority");
        await CuratorGroupMemberScenario.RunAsync(target, "/apache/group-close", CuratorGroupMemberScenario.Leaving.Close);
        await CuratorGroupMemberScenario.RunAsync(target, "/apache/group-session", CuratorGroupMemberScenario.Leaving.SessionEnd);
        await CuratorDoubleBarrierScenario.RunAsync(target, "/apache/barrier");
    }

    private async Task<ZooKeeperClient> ConnectAsync()
    {
        var client = await ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions
        {
            ConnectString = _server.ConnectString,
            SessionTimeout = TimeSpan.FromSeconds(5),
        }).Bounded();
        _clients.Add(client);
        return client;
    }
}
