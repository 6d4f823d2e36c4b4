using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Extensions.Logging;
using ZkNet.Server.Throttling;

namespace ZkNet.Hosting.Network;

/// <summary>
/// The large-request limit on a connection (ZooKeeper's largeRequestThreshold and largeRequestMaxBytes): a frame
/// over the threshold must fit the server-wide budget, checked as soon as its length arrives (before its body is
/// buffered) and again, atomically, once it is whole; a frame that does not fit closes the connection, as in
/// ZooKeeper ("Rejecting large request").
/// </summary>
internal sealed partial class SocketServerCnxn
{
    /// <summary>False (the frame refused, the connection to close) when the next frame's length says it cannot fit.</summary>
    private bool AdmitsLargeFrame(LargeRequestBudget budget, ReadOnlySequence<byte> buffer)
    {
        if (buffer.Length < 4)
        {
            return true;
        }
        Span<byte> prefix = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(prefix);
        var length = BinaryPrimitives.ReadInt32BigEndian(prefix);
        if (length < 0 || budget.WouldFit(length))
        {
            // (A negative length is FrameDecoder's to refuse.)
            return true;
        }
        RejectLargeRequest(length);
        return false;
    }

    private void RejectLargeRequest(int length)
    {
        _server.Metrics.Counter("large_requests_rejected").Add();
        LogLargeRequestRejected(Remote.ToString(), length, _server.Options.LargeRequests?.InUse ?? 0);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejecting large request of {Length} bytes from {Remote} ({InUse} bytes of large requests in progress); closing the connection")]
    private partial void LogLargeRequestRejected(string remote, int length, long inUse);
}
