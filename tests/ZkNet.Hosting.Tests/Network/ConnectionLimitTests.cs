using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Hosting.Tests.Network;

/// <summary>maxClientCnxns caps the connections from one address; a freed slot can be used again.</summary>
public sealed class ConnectionLimitTests : IAsyncLifetime
{
    private const int Max = 3;
    private ZkNetServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new ZkNet.Hosting.Configuration.ServerConfig { MaxClientCnxns = Max });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Connection_beyond_the_limit_is_closed_and_the_others_keep_working()
    {
        var clients = new List<RawClient>();
        try
        {
            for (var i = 0; i < Max; i++)
            {
                clients.Add(await RawClient.ConnectAsync(_server.ClientEndPoint));
            }

            using var extra = await RawClient.OpenAsync(_server.ClientEndPoint);
            await extra.SendAsync(RawClient.Frame(new ConnectRequest(0, 0, 30_000, 0, new byte[16], false)));

            Assert.Null(await extra.ReadFrameAsync());
            Assert.True(_server.Core.Metrics.Counter("connection_rejected").Value >= 1);
            foreach (var client in clients)
            {
                Assert.Equal(0, (await client.CallAsync(OpCode.Exists, new ExistsRequest("/", false))).Header.Err);
            }

            // Once one leaves, a newcomer fits (the server notices the close asynchronously, so retry briefly).
            clients[0].Dispose();
            clients.RemoveAt(0);
            clients.Add(await ConnectWhenAdmittedAsync());
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    private async Task<RawClient> ConnectWhenAdmittedAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var client = await RawClient.OpenAsync(_server.ClientEndPoint);
            await client.SendAsync(RawClient.Frame(new ConnectRequest(0, 0, 30_000, 0, new byte[16], false)));
            if (await client.ReadFrameAsync() is not null)
            {
                return client;
            }
            client.Dispose();
            Assert.True(DateTime.UtcNow < deadline, "no connection admitted after a slot was freed");
            await Task.Delay(20);
        }
    }
}
