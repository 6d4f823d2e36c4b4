using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.TestSupport;

namespace ZkNet.Interop.Tests.Throttling;

/// <summary>
/// ZooKeeper's connection throttle (zookeeper.connection_throttle_*), large-request limit (largeRequestThreshold,
/// largeRequestMaxBytes) and request throttler (zookeeper.request_throttle_*), run the same way against ZkNet and
/// Apache ZooKeeper 3.8: every expectation is ZooKeeper's behaviour. An established session keeps being answered
/// throughout; its slowest reply is printed as a figure.
/// </summary>
public sealed class ThrottlingTests(ITestOutputHelper output)
{
    public static TheoryData<ServerKind> Kinds => new() { ServerKind.ZkNet, ServerKind.ApacheZooKeeper };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_connection_storm_gets_as_many_sessions_as_the_bucket_holds_and_the_rest_are_closed_unanswered(ServerKind kind)
    {
        // Five tokens, refilled one per ten minutes: no refill during the test.
        await using var server = await ServerProcess.StartAsync(kind, systemProperties: new Dictionary<string, string>
        {
            ["zookeeper.connection_throttle_tokens"] = "5",
            ["zookeeper.connection_throttle_fill_time"] = "600000",
        });
        await using var established = await RawZkConnection.ConnectAsync(server.Port, 30_000);
        using var stop = new CancellationTokenSource();
        var slowest = TimeSpan.Zero;
        var answered = 0;
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                var (header, _) = await established.RequestAsync(OpCode.Exists, new ExistsRequest("/zookeeper", false));
                Assert.Equal(0, header.Err);
                var took = Stopwatch.GetElapsedTime(started);
                slowest = took > slowest ? took : slowest;
                answered++;
            }
        });

        var storm = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            try
            {
                await using var connection = await RawZkConnection.ConnectAsync(server.Port, 30_000);
                return connection.Session.SessionId != 0;
            }
            catch (IOException)
            {
                return false;
            }
        }));
        await stop.CancelAsync();
        await reader.WaitAsync(TimeSpan.FromSeconds(30));

        // The established session took one token; four remain for the storm.
        Assert.Equal(4, storm.Count(granted => granted));
        Assert.True(answered > 0);
        var mntr = await server.FourLetterWordAsync("mntr");
        Assert.Contains("zk_connection_rejected\t6", mntr, StringComparison.Ordinal);
        output.WriteLine($"{kind}: established session answered {answered} exists during the storm, slowest {slowest.TotalMilliseconds:F1} ms");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_request_past_the_large_request_budget_closes_its_connection_and_smaller_ones_are_served(ServerKind kind)
    {
        await using var server = await ServerProcess.StartAsync(kind, systemProperties: new Dictionary<string, string>
        {
            ["zookeeper.largeRequestThreshold"] = "1024",
            ["zookeeper.largeRequestMaxBytes"] = "4096",
        });
        await using var other = await RawZkConnection.ConnectAsync(server.Port, 30_000);
        await using var writer = await RawZkConnection.ConnectAsync(server.Port, 30_000);

        var small = await writer.RequestAsync(OpCode.Create, Create("/small", 500));
        var large = await writer.RequestAsync(OpCode.Create, Create("/large", 3000));
        Assert.Equal(0, small.Header.Err);
        Assert.Equal(0, large.Header.Err);
        await writer.SendAsync(OpCode.Create, Create("/too-large", 5000));

        Assert.True(await writer.ClosedByServerAsync(TimeSpan.FromSeconds(10)), "the connection of the request past the budget stayed open");
        var (header, _) = await other.RequestAsync(OpCode.Exists, new ExistsRequest("/too-large", false));
        Assert.Equal((int)ErrorCode.NoNode, header.Err);
        (header, _) = await other.RequestAsync(OpCode.Exists, new ExistsRequest("/large", false));
        Assert.Equal(0, header.Err);
        Assert.Contains("zk_large_requests_rejected\t1", await server.FourLetterWordAsync("mntr"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task With_two_requests_in_process_at_most_pipelining_sessions_are_all_answered_in_order_and_the_waits_counted(ServerKind kind)
    {
        await using var server = await ServerProcess.StartAsync(kind, systemProperties: new Dictionary<string, string>
        {
            ["zookeeper.request_throttle_max_requests"] = "2",
        });
        var sessions = new List<RawZkConnection>();
        for (var s = 0; s < 4; s++)
        {
            sessions.Add(await RawZkConnection.ConnectAsync(server.Port, 30_000));
        }

        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(sessions.Select(async (session, s) =>
        {
            // Everything sent before anything is read: each write waits for its fsync, each read follows its own write.
            var sent = new List<(int Xid, OpCode Op)>();
            for (var i = 0; i < 60; i++)
            {
                sent.Add((await session.SendAsync(OpCode.Create, Create($"/t{s}-{i}", 10)), OpCode.Create));
                sent.Add((await session.SendAsync(OpCode.Exists, new ExistsRequest($"/t{s}-{i}", false)), OpCode.Exists));
            }
            foreach (var (xid, op) in sent)
            {
                var (header, _) = await session.ReadNextAsync() ?? throw new IOException($"session {s} closed before the reply to {op} {xid}");
                Assert.Equal((xid, 0), (header.Xid, header.Err));
            }
        })).WaitAsync(TimeSpan.FromSeconds(60));
        var took = Stopwatch.GetElapsedTime(started);

        var mntr = await server.FourLetterWordAsync("mntr");
        var waits = MntrValue(mntr, "zk_request_throttle_wait_count");
        Assert.True(waits > 0, $"no request ever waited:\n{mntr}");
        Assert.Equal(0, MntrValue(mntr, "zk_stale_requests_dropped"));
        output.WriteLine($"{kind}: 480 pipelined requests from 4 sessions in {took.TotalMilliseconds:F0} ms, {waits} throttle waits");
        foreach (var session in sessions)
        {
            await session.DisposeAsync();
        }
    }

    private static long MntrValue(string mntr, string key) =>
        long.Parse(mntr.Split('\n').Select(line => line.Split('\t')).Single(parts => parts[0] == key)[1], CultureInfo.InvariantCulture);

    private static CreateRequest Create(string path, int size) =>
        new(path, new byte[size], Acl.OpenAclUnsafe, 0);
}
