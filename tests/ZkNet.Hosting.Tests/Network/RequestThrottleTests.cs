using System.Diagnostics;
using System.Net.Sockets;
using ZkNet.Hosting.Configuration;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Server;
using ZkNet.Server.Tests.Pipeline;
using ZkNet.Server.Throttling;

namespace ZkNet.Hosting.Tests.Network;

/// <summary>
/// The request throttler behind real sockets: pipelining connections are all answered in order while at most
/// request_throttle_max_requests are in process, and a client that goes away while its requests wait has them
/// dropped, seen through the transport's end of stream.
/// </summary>
public sealed class RequestThrottleTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "zknet-throttle-" + Guid.NewGuid().ToString("N")[..12]);

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

    private Task<ZkNetServer> StartAsync(int maxRequests, Func<ITxnLog, ITxnLog>? wrapTxnLog = null, int globalOutstandingLimit = 1000) =>
        ZkNetServer.StartAsync(new ServerConfig
        {
            ClientPort = 0, ClientPortAddress = "127.0.0.1", DataDir = _dir, MaxClientCnxns = 0, GlobalOutstandingLimit = globalOutstandingLimit,
            RequestThrottle = new RequestThrottleSettings { MaxRequests = maxRequests },
        }, null, wrapTxnLog);

    [Fact]
    public async Task Pipelining_connections_are_all_answered_in_order_with_one_request_in_process_at_a_time()
    {
        await using var server = await StartAsync(maxRequests: 1);
        var clients = new List<RawClient>();
        for (var c = 0; c < 4; c++)
        {
            clients.Add(await RawClient.ConnectAsync(server.ClientEndPoint));
        }
        var sent = new List<int>[clients.Count];
        for (var c = 0; c < clients.Count; c++)
        {
            // Writes (each waits for an fsync) and reads of what the same connection just wrote, in one burst.
            var burst = new List<byte>();
            sent[c] = [];
            for (var i = 0; i < 50; i++)
            {
                burst.AddRange(clients[c].Request(OpCode.Create, new CreateRequest($"/c{c}-{i}", [], Acl.OpenAclUnsafe, 0), out var create));
                burst.AddRange(clients[c].Request(OpCode.Exists, new ExistsRequest($"/c{c}-{i}", false), out var exists));
                sent[c].AddRange([create, exists]);
            }
            await clients[c].SendAsync(burst.ToArray());
        }

        for (var c = 0; c < clients.Count; c++)
        {
            foreach (var xid in sent[c])
            {
                var reply = await clients[c].ReadReplyAsync() ?? throw new InvalidOperationException($"connection {c} closed before xid {xid}");
                Assert.Equal((xid, 0), (reply.Header.Xid, reply.Header.Err));
            }
        }
        var throttler = server.Core.RequestThrottler!;
        Assert.Equal(1, throttler.PeakInProcess);
        Assert.True(server.Core.Metrics.Counter("request_throttle_wait_count").Value > 0);
        Assert.Equal(0, server.Core.Metrics.Counter("stale_requests_dropped").Value);
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task A_client_that_goes_away_while_its_requests_wait_has_them_dropped_and_the_others_are_served()
    {
        var gate = new GatedTxnLog();
        await using var server = await StartAsync(maxRequests: 1, wrapTxnLog: _ => gate);
        var metrics = server.Core.Metrics;
        using var holder = await RawClient.ConnectAsync(server.ClientEndPoint);
        using var leaver = await RawClient.ConnectAsync(server.ClientEndPoint);
        using var other = await RawClient.ConnectAsync(server.ClientEndPoint);
        gate.Close();
        try
        {
            await holder.SendAsync(holder.Request(OpCode.Create, new CreateRequest("/held", [], Acl.OpenAclUnsafe, 0), out var held));
            await UntilAsync(() => server.Core.PendingProposals == 1, "the held write never reached the log");
            var burst = new List<byte>();
            for (var i = 0; i < 3; i++)
            {
                burst.AddRange(leaver.Request(OpCode.Create, new CreateRequest($"/gone-{i}", [], Acl.OpenAclUnsafe, 0), out _));
            }
            await leaver.SendAsync(burst.ToArray());
            leaver.ShutdownSend();
            await UntilAsync(() => metrics.Counter("stale_requests_dropped").Value == 1, "the leaver's requests were never dropped");
            gate.Open();

            var reply = await holder.ReadReplyAsync();
            Assert.Equal((held, 0), (reply!.Value.Header.Xid, reply.Value.Header.Err));
            Assert.True(await leaver.IsClosedByServerAsync());
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal((int)ErrorCode.NoNode, (await other.CallAsync(OpCode.Exists, new ExistsRequest($"/gone-{i}", false))).Header.Err);
            }
            Assert.Equal(0, server.Core.RequestThrottler!.InProcess);
        }
        finally
        {
            gate.Open();
        }
    }

    [Fact]
    public async Task While_requests_wait_in_the_throttler_a_flooding_client_stops_being_read()
    {
        var gate = new GatedTxnLog();
        await using var server = await StartAsync(maxRequests: 1, wrapTxnLog: _ => gate, globalOutstandingLimit: 100);
        using var holder = await RawClient.ConnectAsync(server.ClientEndPoint);
        using var flooder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await flooder.ConnectAsync(server.ClientEndPoint);
        await flooder.SendAsync(RawClient.Frame(new ConnectRequest(0, 0, 30_000, 0, new byte[16], false)), SocketFlags.None);
        gate.Close();
        try
        {
            await holder.SendAsync(holder.Request(OpCode.Create, new CreateRequest("/held", [], Acl.OpenAclUnsafe, 0), out _));
            await UntilAsync(() => server.Core.PendingProposals == 1, "the held write never reached the log");

            // Nothing can complete, so every request the flooder sends waits: the server must stop reading it (TCP
            // then stops the flooder) rather than queue whatever arrives.
            var sent = await RawClient.FloodUntilBlockedAsync(flooder);
            var throttler = server.Core.RequestThrottler!;
            Assert.True(sent > 0);
            Assert.InRange(throttler.Waiting, 1, 101);
            Assert.InRange(Interlocked.Read(ref server.Core.Stats.Outstanding), 1, 102);
            Assert.Equal(1, throttler.InProcess);
        }
        finally
        {
            gate.Open();
        }
    }

    /// <summary>Polls the server's state for at most 10 s (nothing announces that the throttler has reached it).</summary>
    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.GetTimestamp() + (10 * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException(what);
            }
            await Task.Delay(5);
        }
    }
}
