using System.Net;
using System.Net.Sockets;
using ZkNet.Persistence.Database;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Server;
using ZkNet.Server.DataTree;
using ZkNet.Server.Pipeline;

namespace ZkNet.Persistence.Tests.Snapshots;

/// <summary>
/// A SNAP sync's snapshot goes from the leader's tree to the learner's over a socket without being held whole on
/// either side: the leader's walk stages some 64 KB at a time, the learner builds its tree as the bytes arrive. The
/// allocations of each side's thread are counted (GC.GetAllocatedBytesForCurrentThread, exact and blind to other
/// tests): the leader's walk allocates a small fraction of the snapshot, the learner about the tree it builds, where a
/// snapshot held as one array would add at least its whole size on each side (docs/benchmarks.md, "SNAP sync memory").
/// </summary>
public sealed class SyncStreamMemoryTests
{
    private const int BigNodes = 1_600;
    private const int BigValue = 128 * 1024;
    private const int SmallNodes = 50_000;

    [Fact]
    public async Task A_200_MB_tree_streams_over_a_socket_without_either_side_allocating_the_snapshots_size()
    {
        var tree = BuildTree();
        var server = new ZooKeeperServer(new ZooKeeperServerOptions(), tree: tree);
        var walk = server.CaptureSnapshot(out var zxid);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var leaderSide = new TcpClient();
        var accepting = listener.AcceptSocketAsync();
        await leaderSide.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        using var learnerSide = await accepting;
        var leaderStream = new MeasuredStream(leaderSide.GetStream());

        var writing = walk(new MeasuredStore(new SyncSnapshotStore(leaderStream), leaderStream));
        var reading = Task.Factory.StartNew(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            // As the learner reads: through the connection's 64 KB buffer.
            using var input = new BufferedStream(new NetworkStream(learnerSide), 64 * 1024);
            var (loaded, _) = ZkDatabase.ReadSyncSnapshot(input, extendedTypesEnabled: false);
            return (Tree: loaded, Allocated: GC.GetAllocatedBytesForCurrentThread() - before);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await writing.WaitAsync(TimeSpan.FromSeconds(60));
        var (learnerTree, learnerAllocated) = await reading.WaitAsync(TimeSpan.FromSeconds(60));

        var snapshotBytes = leaderStream.Written;
        Assert.True(snapshotBytes > 200_000_000, $"the snapshot was only {snapshotBytes:N0} bytes");
        Assert.True(leaderStream.LargestWrite < 1 << 20, $"the leader wrote {leaderStream.LargestWrite:N0} bytes at once");
        // Measured here: some 1.5 MB for the walk (its stack of nodes, the sink); a copy would be > 200 MB.
        Assert.True(leaderStream.WalkAllocated < snapshotBytes / 16,
            $"the leader's walk allocated {leaderStream.WalkAllocated:N0} bytes for a snapshot of {snapshotBytes:N0}");
        // The learner's allocations are the tree it builds (its values alone are ~205 MB) plus small change; a
        // snapshot buffered whole would add at least the snapshot's size again (2x and more).
        Assert.True(learnerAllocated < snapshotBytes * 3 / 2,
            $"the learner allocated {learnerAllocated:N0} bytes reading a snapshot of {snapshotBytes:N0}");
        Assert.Equal(tree.NodeCount, learnerTree.NodeCount);
        learnerTree.RecomputeDigest();
        Assert.Equal(tree.TreeDigest, learnerTree.TreeDigest);
        Assert.Equal(0x100000000 + BigNodes + SmallNodes + 2, zxid);
        Console.WriteLine($"SNAP of {snapshotBytes:N0} bytes: leader walk allocated {leaderStream.WalkAllocated:N0}, largest write " +
            $"{leaderStream.LargestWrite:N0}; learner allocated {learnerAllocated:N0} (tree included)");
    }

    /// <summary>
    /// /big with 1600 values of 128 KB (one shared array: the leader's own memory is not what is measured, and the
    /// tree never writes into a value) and /small with 50,000 values of 100 bytes.
    /// </summary>
    private static DataTree BuildTree()
    {
        var tree = new DataTree();
        var zxid = 0x100000000L;
        var big = new byte[BigValue];
        Random.Shared.NextBytes(big);
        var small = new byte[100];
        Create(tree, ++zxid, "/big", null);
        Create(tree, ++zxid, "/small", null);
        for (var i = 0; i < BigNodes; i++)
        {
            Create(tree, ++zxid, $"/big/n{i}", big);
        }
        for (var i = 0; i < SmallNodes; i++)
        {
            Create(tree, ++zxid, $"/small/n{i}", small);
        }
        return tree;
    }

    private static void Create(DataTree tree, long zxid, string path, byte[]? data) =>
        tree.ProcessTxn(new TxnHeader(1, 0, zxid, 1000, (int)OpCode.Create), new CreateTxn(path, data, Acl.OpenAclUnsafe, false, 1));

    /// <summary>Marks where the walk starts, on its own thread, to count what it allocates from there.</summary>
    private sealed class MeasuredStore(ISnapshotStore inner, MeasuredStream stream) : ISnapshotStore
    {
        public ISnapshotSink Begin(long zxid)
        {
            stream.WalkStarted = GC.GetAllocatedBytesForCurrentThread();
            return inner.Begin(zxid);
        }
    }

    /// <summary>Counts what the walk writes, its largest single write, and what its thread allocated up to its last write.</summary>
    private sealed class MeasuredStream(Stream inner) : Stream
    {
        public long WalkStarted { get; set; }

        public long WalkAllocated { get; private set; }

        public long Written { get; private set; }

        public int LargestWrite { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            Written += buffer.Length;
            LargestWrite = Math.Max(LargestWrite, buffer.Length);
            WalkAllocated = GC.GetAllocatedBytesForCurrentThread() - WalkStarted;
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
