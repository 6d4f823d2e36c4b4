using System.Buffers;
using System.Threading.Channels;
using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;
using ZkNet.Quorum.Zab;

namespace ZkNet.Quorum.Transport;

/// <summary>
/// Quorum packets on the learner port: Jute records back to back, no length prefix, with a SNAP's snapshot written
/// raw right after its packet (docs/quorum-protocol.md §3.1, §4.5).
/// </summary>
public static class QuorumPacketStream
{
    /// <summary>The snapshot stream's closing signature.</summary>
    public const string SnapshotSignature = "BenWasHere";

    /// <summary>The bytes of one packet.</summary>
    public static byte[] Encode(QuorumPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        var output = new ArrayBufferWriter<byte>(64 + (packet.Data?.Length ?? 0));
        packet.Serialize(new JuteWriter(output));
        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Writes what <paramref name="queue"/> yields (a SNAP's snapshot serialized right behind its packet). Packets are encoded
    /// into one buffer that goes to the connection whenever the queue runs empty (or the buffer fills), as ZooKeeper's
    /// sender threads flush their BufferedOutputStream: a burst of proposals and commits is one write, not one per
    /// packet. <paramref name="written"/> is called after each packet is buffered. Returns false when the stream failed or a
    /// snapshot could not be made.
    /// </summary>
    public static async Task<bool> SendLoopAsync(Stream stream, ChannelReader<(QuorumPacket Packet, IZabSnapshot? Snapshot)> queue,
        CancellationToken cancellationToken, Action? written = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(queue);
        var pending = new ArrayBufferWriter<byte>(SendBufferSize);
        try
        {
            while (await queue.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (queue.TryRead(out var item))
                {
                    item.Packet.Serialize(new JuteWriter(pending));
                    if (item.Snapshot is { } snapshot)
                    {
                        // The packets behind a snapshot wait for it: the stream carries them in order. The snapshot
                        // goes straight from the tree to the stream, in buffered pieces; the stream's back-pressure
                        // (a slow learner) slows the walk, never the leader's processor.
                        await WriteAsync(stream, pending, cancellationToken).ConfigureAwait(false);
                        try
                        {
                            await snapshot.WriteToAsync(stream, cancellationToken).ConfigureAwait(false);
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            // The stream broke under it, or the snapshot could not be made: the learner cannot be
                            // synchronised on this connection (it gets a partial snapshot and gives up the sync).
                            return false;
                        }
                    }
                    else if (pending.WrittenCount >= SendBufferSize)
                    {
                        await WriteAsync(stream, pending, cancellationToken).ConfigureAwait(false);
                    }
                    written?.Invoke();
                }
                await WriteAsync(stream, pending, cancellationToken).ConfigureAwait(false);
            }
            return true;
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or OperationCanceledException or ObjectDisposedException)
        {
            return cancellationToken.IsCancellationRequested;
        }
    }

    private const int SendBufferSize = 64 * 1024;

    /// <summary>Writes and flushes what is buffered (a TLS stream seals it into records here), then empties the buffer.</summary>
    private static async ValueTask WriteAsync(Stream stream, ArrayBufferWriter<byte> pending, CancellationToken cancellationToken)
    {
        if (pending.WrittenCount > 0)
        {
            await stream.WriteAsync(pending.WrittenMemory, cancellationToken).ConfigureAwait(false);
            pending.ResetWrittenCount();
        }
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Calls <paramref name="tick"/> every <paramref name="interval"/> until cancelled (a role's timers).</summary>
    public static async Task TickLoopAsync(TimeSpan interval, TimeProvider time, Action tick, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tick);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
                tick();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
