using ZkNet.Server.Pipeline;

namespace ZkNet.Server.Tests.Pipeline;

/// <summary>A started <see cref="ZooKeeperServer"/> on virtual time, without a txn log or sockets.</summary>
internal sealed class ServerFixture : IAsyncDisposable
{
    public ServerFixture(ZooKeeperServerOptions? options = null)
    {
        Server = new ZooKeeperServer(options ?? new ZooKeeperServerOptions(), txnLog: null, time: Time);
        Server.Start();
    }

    public ManualTimeProvider Time { get; } = new();

    public ZooKeeperServer Server { get; }

    public Task<TestClient> ConnectAsync(int timeoutMs = 30_000, long sessionId = 0, byte[]? password = null) =>
        TestClient.ConnectAsync(Server, timeoutMs, sessionId, password);

    /// <summary>Advances virtual time; the server's tick timer fires at each instant it falls due on the way.</summary>
    public void Advance(TimeSpan by) => Time.Advance(by);

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
