using System.Net;
using System.Net.Sockets;
using ZkNet.Persistence.Snapshots;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Quorum.Configuration;
using ZkNet.Quorum.Transport;
using ZkNet.Quorum.Zab;

namespace ZkNet.Quorum.Tests.Transport;

/// <summary>
/// A learner reads a SNAP's snapshot off its connection as it arrives, from a scripted leader on a loopback socket:
/// a snapshot slower to arrive than initLimit is fine while bytes keep coming (ZooKeeper times out per socket read),
/// and one cut short ends the sync with a clear reason, nothing loaded.
/// </summary>
public sealed class LearnerSnapshotStreamTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly ZabOptions Options = new() { TickTime = 100, InitLimit = 10, SyncLimit = 5 };

    [Fact]
    public async Task A_snapshot_taking_longer_than_initLimit_to_arrive_is_read_while_its_bytes_keep_coming()
    {
        // Made before the learner connects: the time to make it would count against initLimit.
        var snapshot = Snapshot(nodes: 64, valueSize: 64 * 1024);
        var db = new MemoryZabDatabase();
        await using var driver = new LearnerDriver(new ZabLearner(1, observer: false, db, Options), db, Options);
        await using var leader = new ScriptedLeader();
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => driver.RunAsync(leader.Address, stop.Token));

        var stream = await leader.SyncAsync();
        var started = DateTime.UtcNow;
        // 4 MB at 128 KB every 75 ms: some 2.4 s, with initLimit 1 s. Paced on a thread of its own: the test
        // host keeps two of the thread pool's few threads blocked on a 2-core machine, so a pool timer could pause
        // the writer for the 500 ms the pool takes to grow (the learner's blocking read needs no pool thread).
        await Task.Factory.StartNew(() =>
        {
            foreach (var chunk in snapshot.Chunk(128 * 1024))
            {
                stream.Write(chunk);
                Thread.Sleep(75);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Assert.True(DateTime.UtcNow - started > TimeSpan.FromMilliseconds(Options.TickTime * Options.InitLimit));
        await leader.FinishAsync(stream);

        await driver.Serving.WaitAsync(Bound);
        Assert.Equal(64 * 1024, db.LoadedSnapshot!.GetNode("/n/63")!.Data!.Length);
        await stop.CancelAsync();
        await run.WaitAsync(Bound);
    }

    [Fact]
    public async Task A_snapshot_cut_short_ends_the_sync_with_the_reason_and_loads_nothing()
    {
        var db = new MemoryZabDatabase();
        await using var driver = new LearnerDriver(new ZabLearner(1, observer: false, db, Options), db, Options);
        await using var leader = new ScriptedLeader();
        var run = Task.Run(() => driver.RunAsync(leader.Address, CancellationToken.None));

        var stream = await leader.SyncAsync();
        var snapshot = Snapshot(nodes: 16, valueSize: 64 * 1024);
        await stream.WriteAsync(snapshot.AsMemory(0, snapshot.Length / 2));
        leader.Hangup();

        var reason = await driver.Quit.WaitAsync(Bound);
        Assert.Contains("snapshot could not be read", reason, StringComparison.Ordinal);
        Assert.Null(db.LoadedSnapshot);
        Assert.Equal(0, db.CurrentEpoch);
        await run.WaitAsync(Bound);
    }

    /// <summary>A SNAP stream: no sessions, the open ACL, the root, /n holding <paramref name="nodes"/> values.</summary>
    private static byte[] Snapshot(int nodes, int valueSize)
    {
        using var output = new MemoryStream();
        var writer = SnapshotWriter.ForSyncStream(output);
        writer.WriteSessions([]);
        writer.WriteAclCache([new(1, Acl.OpenAclUnsafe)]);
        writer.WriteNode("/", null, -1, default);
        writer.WriteNode("/n", null, 1, default);
        for (var i = 0; i < nodes; i++)
        {
            writer.WriteNode($"/n/{i}", new byte[valueSize], 1, default);
        }
        writer.Complete(null);
        return output.ToArray();
    }

    /// <summary>A leader's side of one learner connection, written by the test step by step.</summary>
    private sealed class ScriptedLeader : IAsyncDisposable
    {
        private const long Epoch = 1;
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private Socket? _socket;
        private QuorumInput? _input;

        public ScriptedLeader() => _listener.Start();

        public HostPort Address => new("127.0.0.1", ((IPEndPoint)_listener.LocalEndpoint).Port);

        /// <summary>Accepts the learner, takes it through discovery and sends SNAP: the snapshot is the caller's to write.</summary>
        public async Task<NetworkStream> SyncAsync()
        {
            _socket = await _listener.AcceptSocketAsync().WaitAsync(Bound);
            var stream = new NetworkStream(_socket);
            _input = new QuorumInput(stream);
            Assert.Equal(QuorumPacketType.FollowerInfo, (await _input.ReadPacketAsync(1 << 20, CancellationToken.None)).Type);
            await stream.WriteAsync(QuorumPacketStream.Encode(new QuorumPacket(QuorumPacketType.LeaderInfo, Zxid.Make(Epoch, 0), [0, 1, 0, 0])));
            Assert.Equal(QuorumPacketType.AckEpoch, (await _input.ReadPacketAsync(1 << 20, CancellationToken.None)).Type);
            await stream.WriteAsync(QuorumPacketStream.Encode(new QuorumPacket(QuorumPacketType.Snap, Zxid.Make(Epoch, 0))));
            return stream;
        }

        /// <summary>NEWLEADER, its ACK, UPTODATE.</summary>
        public async Task FinishAsync(NetworkStream stream)
        {
            await stream.WriteAsync(QuorumPacketStream.Encode(new QuorumPacket(QuorumPacketType.NewLeader, Zxid.Make(Epoch, 0))));
            Assert.Equal(QuorumPacketType.Ack, (await _input!.ReadPacketAsync(1 << 20, CancellationToken.None)).Type);
            await stream.WriteAsync(QuorumPacketStream.Encode(new QuorumPacket(QuorumPacketType.UpToDate, -1)));
        }

        public void Hangup() => _socket?.Dispose();

        public ValueTask DisposeAsync()
        {
            _socket?.Dispose();
            _listener.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
