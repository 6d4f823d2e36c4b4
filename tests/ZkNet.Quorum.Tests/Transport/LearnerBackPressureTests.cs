using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Quorum.Configuration;
using ZkNet.Quorum.Transport;
using ZkNet.Quorum.Zab;

namespace ZkNet.Quorum.Tests.Transport;

/// <summary>
/// A learner whose executor (a member's processor thread) falls behind stops reading from its leader once 64 batches
/// wait to run: the backlog stays on the leader's side of the connection instead of growing in the learner's memory.
/// </summary>
public sealed class LearnerBackPressureTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly ZabOptions Options = new() { TickTime = 2000, InitLimit = 10, SyncLimit = 5 };

    [Fact]
    public async Task A_learner_whose_executor_does_not_keep_up_stops_reading_at_64_batches_waiting()
    {
        var posted = new ConcurrentQueue<Action>();
        var postedSignal = new SemaphoreSlim(0);
        var db = new MemoryZabDatabase();
        // An executor that never gets round to running anything.
        await using var driver = new LearnerDriver(new ZabLearner(1, observer: false, db, Options), db, Options, executor: action =>
        {
            posted.Enqueue(action);
            postedSignal.Release();
        });
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => driver.RunAsync(new HostPort("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port), stop.Token));
        using var socket = await listener.AcceptSocketAsync().WaitAsync(Bound);
        // 40 MB of 4 KB packets: far more than the socket buffers and 64 batches of what one read brings hold.
        var packet = QuorumPacketStream.Encode(new QuorumPacket(QuorumPacketType.Ping, 0, new byte[4096]));
        var writer = Task.Run(async () =>
        {
            using var stream = new NetworkStream(socket, ownsSocket: false);
            try
            {
                for (var i = 0; i < 10_000; i++)
                {
                    await stream.WriteAsync(packet, stop.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException)
            {
                // The learner's connection closed at the end of the test.
            }
        });

        while (driver.BatchesInFlight < 64)
        {
            Assert.True(await postedSignal.WaitAsync(Bound), $"only {driver.BatchesInFlight} batches were posted");
        }
        // Nothing runs, so nothing more may be read: the leader's writes back up. (A bounded look for something that
        // must not happen.)
        var finished = await Task.WhenAny(writer, Task.Delay(TimeSpan.FromSeconds(1)));

        Assert.NotSame(writer, finished);
        Assert.Equal(64, driver.BatchesInFlight);
        await stop.CancelAsync();
        await run.WaitAsync(Bound);
        await writer.WaitAsync(Bound);
    }
}
