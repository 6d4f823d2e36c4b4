using System.Diagnostics;
using System.Net.Sockets;
using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.TestSupport;

namespace ZkNet.Interop.Tests.Hostile;

/// <summary>
/// One client pipelines exists requests as fast as it can and never reads a reply. The server must stop reading
/// that connection (TCP then blocks the sender), so its memory stays bounded and another session keeps its round
/// trip. Run against both servers; the figures go to the test output (docs/benchmarks.md records them).
/// </summary>
public sealed class RequestFlood(ITestOutputHelper output)
{
    private static readonly TimeSpan FloodTime = TimeSpan.FromSeconds(4);

    // Throttled, both servers took about 250,000 requests (what the kernel's socket buffers hold), ZkNet's RSS grew by
    // about 20 MB and the bystander's median stayed under 5 ms. With ZkNet's throttle disabled, the same run took 1.2
    // million requests, grew by 169 MB and the bystander's median was 64 ms; before back-pressure existed, a 10 s flood
    // grew it by 790 MB and it read 10.4 million requests.
    private const long RssGrowthBoundBytes = 100L * 1024 * 1024;
    private const long RequestBound = 800_000;
    private static readonly TimeSpan RoundTripBound = TimeSpan.FromMilliseconds(25);

    [Theory]
    [InlineData(ServerKind.ZkNet)]
    [InlineData(ServerKind.ApacheZooKeeper)]
    public async Task A_client_that_never_reads_is_throttled_and_other_sessions_keep_their_round_trip(ServerKind kind)
    {
        await using var server = await ServerProcess.StartAsync(kind, InteropConfig.Settings, TimeSpan.FromSeconds(30));
        await using var bystander = await RawZkConnection.ConnectAsync(server.Port, 10_000);
        var idle = await RoundTripsAsync(bystander, 20);
        var rssBefore = Rss(server.ProcessId);

        using var flooder = new TcpClient { NoDelay = true };
        await flooder.ConnectAsync("127.0.0.1", server.Port);
        var stream = flooder.GetStream();
        await stream.WriteAsync(RawFrames.Frame(new ConnectRequest(0, 0, 10_000, 0, new byte[16], false)));
        var chunk = ExistsChunk(2048);
        long sent = 0;
        var flood = Task.Run(async () =>
        {
            using var stop = new CancellationTokenSource(FloodTime);
            try
            {
                while (true)
                {
                    await stream.WriteAsync(chunk, stop.Token);
                    sent += chunk.Length;
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                // Blocked by the server at the deadline (or the server closed the connection).
            }
        });
        await Task.Delay(TimeSpan.FromSeconds(1));
        var busy = await RoundTripsAsync(bystander, 20);
        await flood.WaitAsync(FloodTime + TimeSpan.FromSeconds(10));
        var rssFlooded = Rss(server.ProcessId);
        flooder.Dispose();
        // The server notices the close, drops what the flooder left queued and carries on serving.
        var after = await RoundTripsAsync(bystander, 20);
        var rssAfter = Rss(server.ProcessId);

        var requests = sent / (chunk.Length / 2048);
        output.WriteLine($"{kind}: flooder wrote {requests:N0} requests ({sent / 1048576.0:F1} MB) in {FloodTime.TotalSeconds:F0} s without reading");
        output.WriteLine($"{kind}: RSS before {rssBefore / 1048576.0:F0} MB, flooded {rssFlooded / 1048576.0:F0} MB, after close {rssAfter / 1048576.0:F0} MB");
        output.WriteLine($"{kind}: bystander round trip median idle {Median(idle):F2} ms, during flood {Median(busy):F2} ms (max {busy.Max():F2}), after {Median(after):F2} ms");
        if (kind == ServerKind.ZkNet)
        {
            // A JVM's RSS follows its heap sizing (it grows towards -Xmx before collecting), not what one connection
            // holds, so the memory bound is ZkNet's; for Apache ZooKeeper the figure is only reported.
            Assert.True(rssFlooded - rssBefore < RssGrowthBoundBytes, $"RSS grew by {(rssFlooded - rssBefore) / 1048576} MB");
        }
        Assert.True(Median(busy) < RoundTripBound.TotalMilliseconds, $"bystander median round trip {Median(busy)} ms during the flood");
        Assert.True(requests < RequestBound, $"the server read {requests} requests from a client that never read a reply");
    }

    private static byte[] ExistsChunk(int count)
    {
        using var stream = new MemoryStream();
        for (var i = 0; i < count; i++)
        {
            stream.Write(RawFrames.Frame(new RequestHeader(i + 1, (int)OpCode.Exists), new ExistsRequest("/zookeeper", false)));
        }
        return stream.ToArray();
    }

    private static async Task<double[]> RoundTripsAsync(RawZkConnection connection, int count)
    {
        var times = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var (header, _) = await connection.RequestAsync(OpCode.Exists, new ExistsRequest("/zookeeper", false));
            Assert.Equal(0, header.Err);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return times;
    }

    private static double Median(double[] values) => values.Order().ElementAt(values.Length / 2);

    private static long Rss(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }
        throw new InvalidOperationException("no VmRSS for process " + pid);
    }
}
