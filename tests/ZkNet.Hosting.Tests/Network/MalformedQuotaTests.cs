using System.Text;
using ZkNet.Hosting.Configuration;
using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Hosting.Tests.Network;

/// <summary>
/// Quota nodes with text that is not "count=N,bytes=B" must not break the server. Apache ZooKeeper 3.8.0's sync
/// thread dies on them (the server stops serving); ZkNet carries on, logs and replays them. Not differential for
/// that reason: the expectation is ZkNet's own.
/// </summary>
public sealed class MalformedQuotaTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "zknet-quota-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Task<ZkNetServer> StartAsync() =>
        ZkNetServer.StartAsync(new ServerConfig { ClientPort = 0, ClientPortAddress = "127.0.0.1", DataDir = _dir, MaxClientCnxns = 0 });

    private static async Task<int> CallAsync(RawClient client, OpCode op, IJuteRecord body) => (await client.CallAsync(op, body)).Header.Err;

    private static CreateRequest Create(string path, string data) => new(path, Encoding.ASCII.GetBytes(data), Acl.OpenAclUnsafe, 0);

    [Theory]
    [InlineData("garbage", "garbage")]
    [InlineData("count=,bytes=x", "count=9999999999999999999")]
    [InlineData("", "=,=,")]
    public async Task Malformed_quota_nodes_leave_the_server_serving_and_recoverable(string limits, string stats)
    {
        await using (var server = await StartAsync())
        {
            using var client = await RawClient.ConnectAsync(server.ClientEndPoint);
            Assert.Equal(0, await CallAsync(client, OpCode.Create, Create("/zookeeper/quota/q", "")));
            Assert.Equal(0, await CallAsync(client, OpCode.Create, Create("/zookeeper/quota/q/zookeeper_limits", limits)));
            Assert.Equal(0, await CallAsync(client, OpCode.Create, Create("/zookeeper/quota/q/zookeeper_stats", stats)));

            Assert.Equal(0, await CallAsync(client, OpCode.Create, Create("/q", "abc")));
            Assert.Equal(0, await CallAsync(client, OpCode.Create, Create("/q/a", "12345")));
            Assert.Equal(0, await CallAsync(client, OpCode.SetData, new SetDataRequest("/q/a", [1], -1)));
            Assert.Equal(0, await CallAsync(client, OpCode.SetData, new SetDataRequest("/zookeeper/quota/q/zookeeper_limits", Encoding.ASCII.GetBytes("more garbage"), -1)));
            Assert.Equal(0, await CallAsync(client, OpCode.Delete, new DeleteRequest("/q/a", -1)));
            Assert.Equal(0, await CallAsync(client, OpCode.Create, Create("/after", "")));
        }

        // Recovery replays the same txns (and recounts quotas from the snapshot) without failing.
        await using var restarted = await StartAsync();
        using var again = await RawClient.ConnectAsync(restarted.ClientEndPoint);
        Assert.Equal(0, await CallAsync(again, OpCode.Exists, new ExistsRequest("/after", false)));
        Assert.Equal(0, await CallAsync(again, OpCode.Create, Create("/q/b", "")));
    }
}
