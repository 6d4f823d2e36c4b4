using System.Net.Sockets;
using ZkNet.Quorum.Zab;

namespace ZkNet.Quorum.Transport;

public sealed partial class LearnerDriver
{
    /// <summary>
    /// The longest record taken from the leader's stream: a packet's buffer, or one string or buffer of a snapshot (a
    /// node's data, far below this under any sane jute.maxbuffer). A longer length is taken for corruption before
    /// anything is allocated.
    /// </summary>
    private const int MaxRecordLength = 64 * 1024 * 1024;

    /// <summary>
    /// Reads the snapshot behind a SNAP straight off the stream into a new state (the database's reader), on a thread
    /// of its own since its reads block; the executor (the server's processor thread) goes on taking other inputs.
    /// The snapshot is never held whole as bytes: the learner's memory grows by the tree it builds, as ZooKeeper's
    /// Learner.syncWithLeader deserializes from its socket. A stream that breaks, ends early or is corrupt gives the
    /// sync up: the state in use and the disk were never touched, the learner quits and the member syncs again after
    /// the next election.
    /// </summary>
    private async Task<IReceivedSnapshot> ReadSnapshotAsync(Stream stream, Socket socket, CancellationToken cancellationToken)
    {
        // A blocking read does not see the token: closing the socket ends it (as a quitting learner's does).
        using var registration = cancellationToken.Register(socket.Dispose);
        try
        {
            var progress = new ProgressStream(stream, () => _run(() => _learner.SnapshotProgress(Now)));
            return await Task.Factory.StartNew(() => _db.ReadSnapshot(progress), cancellationToken, TaskCreationOptions.LongRunning,
                TaskScheduler.Default).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or SocketException or ObjectDisposedException)
        {
            throw new IOException("the leader's snapshot could not be read, sync given up: " + ex.Message, ex);
        }
    }

    /// <summary>Reads through, calling <paramref name="progressed"/> after each 64 KB read (so the learner knows the leader is alive).</summary>
    private sealed class ProgressStream(Stream inner, Action progressed) : Stream
    {
        private const long ReportEvery = 64 * 1024;
        private long _sinceReport;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _sinceReport += read;
            if (_sinceReport >= ReportEvery)
            {
                _sinceReport = 0;
                progressed();
            }
            return read;
        }
    }
}
