using System.Buffers;
using System.Threading.Channels;
using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

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
    /// Writes what <paramref name="queue"/> yields (a SNAP's snapshot right behind its packet). Packets are encoded
    /// into one buffer that goes to the connection whenever the queue runs empty (or the buffer fills), as ZooKeeper's
    /// sender threads flush their BufferedOutputStream: a burst of proposals and commits is one write, not one per
    /// packet. <paramref name="written"/> is called after each packet is buffered. Returns false when the stream failed.
    /// </summary>
    public static async Task<bool> SendLoopAsync(Stream stream, ChannelReader<(QuorumPacket Packet, Task<byte[]>? Snapshot)> queue,
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
                    if (item.Snapshot is { } making)
                    {
                        // The packets behind a snapshot wait for it: the stream carries them in order.
                        await WriteAsync(stream, pending, cancellationToken).ConfigureAwait(false);
                        byte[] snapshot;
                        try
                        {
                            snapshot = await making.ConfigureAwait(false);
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            // The snapshot could not be made: the learner cannot be synchronised on this connection.
                            return false;
                        }
                        await stream.WriteAsync(snapshot, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Reads one packet and, after a SNAP, the snapshot that follows it (as received, signature checked). Throws
    /// <see cref="InvalidDataException"/> on anything malformed and <see cref="EndOfStreamException"/> at the end.
    /// </summary>
    public static async Task<(QuorumPacket Packet, byte[]? Snapshot)> ReadAsync(QuorumInput input, int maxLength, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var packet = await input.ReadPacketAsync(maxLength, cancellationToken).ConfigureAwait(false);
        if (packet.Type != QuorumPacketType.Snap)
        {
            return (packet, null);
        }
        return (packet, await ReadSnapshotAsync(new JuteStreamReader(input, maxLength), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The snapshot a leader streams after SNAP: sessions, the ACL cache, the nodes depth-first up to the "/"
    /// marker, then the signature. Returned as received.
    /// </summary>
    private static async Task<byte[]> ReadSnapshotAsync(JuteStreamReader reader, CancellationToken cancellationToken)
    {
        using var capture = new MemoryStream();
        reader.Capture = capture;
        var sessions = await reader.ReadIntAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < sessions; i++)
        {
            await reader.SkipAsync(12, cancellationToken).ConfigureAwait(false);
        }
        var acls = await reader.ReadIntAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < acls; i++)
        {
            await reader.SkipAsync(8, cancellationToken).ConfigureAwait(false);
            var entries = await reader.ReadIntAsync(cancellationToken).ConfigureAwait(false);
            for (var j = 0; j < entries; j++)
            {
                await reader.SkipAsync(4, cancellationToken).ConfigureAwait(false);
                await reader.ReadStringAsync(cancellationToken).ConfigureAwait(false);
                await reader.ReadStringAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        while (await reader.ReadStringAsync(cancellationToken).ConfigureAwait(false) is { } path && path != "/")
        {
            await reader.ReadBufferAsync(cancellationToken).ConfigureAwait(false);
            // acl reference (8), then StatPersisted: czxid, mzxid, ctime, mtime, version, cversion, aversion,
            // ephemeralOwner, pzxid (60).
            await reader.SkipAsync(68, cancellationToken).ConfigureAwait(false);
        }
        var signature = await reader.ReadStringAsync(cancellationToken).ConfigureAwait(false);
        if (signature != SnapshotSignature)
        {
            throw new InvalidDataException($"missing signature after the snapshot (read '{signature}')");
        }
        reader.Capture = null;
        return capture.ToArray();
    }
}
