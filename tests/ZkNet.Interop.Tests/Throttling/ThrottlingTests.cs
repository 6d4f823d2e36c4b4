using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.TestSupport;

namespace ZkNet.Interop.Tests.Throttling;

/// <summary>
/// ZooKeeper's connection throttle (zookeeper.connection_throttle_*) and large-request limit (largeRequestThreshold,
/// largeRequestMaxBytes), run the same way against ZkNet and Apache ZooKeeper 3.8: every expectation is ZooKeeper's
/// behaviour. An established session keeps being answered throughout; its slowest reply is printed as a figure.
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

    private static CreateRequest Create(string path, int size) =>
        new(path, new byte[size], Acl.OpenAclUnsafe, 0);
}
