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
    /// Writes what <paramref name="queue"/> yields (a SNAP's snapshot right behind its packet), flushing whenever the
    /// queue runs empty, as ZooKeeper's sender threads do; <paramref name="written"/> is called after each packet.
    /// Returns false when the stream failed.
    /// </summary>
    public static async Task<bool> SendLoopAsync(Stream stream, ChannelReader<(QuorumPacket Packet, Task<byte[]>? Snapshot)> queue,
        CancellationToken cancellationToken, Action? written = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(queue);
        try
        {
            while (await queue.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (queue.TryRead(out var item))
                {
                    await stream.WriteAsync(Encode(item.Packet), cancellationToken).ConfigureAwait(false);
                    if (item.Snapshot is { } making)
                    {
                        // The packets behind a snapshot wait for it: the stream carries them in order.
                        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
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
                    written?.Invoke();
                }
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            return true;
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or OperationCanceledException or ObjectDisposedException)
        {
            return cancellationToken.IsCancellationRequested;
        }
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
    public static async Task<(QuorumPacket Packet, byte[]? Snapshot)> ReadAsync(Stream stream, int maxLength, CancellationToken cancellationToken)
    {
        var reader = new JuteStreamReader(stream, maxLength);
        var type = (QuorumPacketType)await reader.ReadIntAsync(cancellationToken).ConfigureAwait(false);
        var zxid = await reader.ReadLongAsync(cancellationToken).ConfigureAwait(false);
        var data = await reader.ReadBufferAsync(cancellationToken).ConfigureAwait(false);
        var count = await reader.ReadIntAsync(cancellationToken).ConfigureAwait(false);
        List<Id>? auth = null;
        if (count >= 0)
        {
            if (count > 1024)
            {
                throw new InvalidDataException($"authinfo of {count} ids");
            }
            auth = new List<Id>(count);
            for (var i = 0; i < count; i++)
            {
                var scheme = await reader.ReadStringAsync(cancellationToken).ConfigureAwait(false) ?? "";
                var id = await reader.ReadStringAsync(cancellationToken).ConfigureAwait(false) ?? "";
                auth.Add(new Id(scheme, id));
            }
        }
        else if (count != -1)
        {
            throw new InvalidDataException($"negative authinfo length {count}");
        }
        var packet = new QuorumPacket(type, zxid, data, auth);
        if (type != QuorumPacketType.Snap)
        {
            return (packet, null);
        }
        return (packet, await ReadSnapshotAsync(reader, cancellationToken).ConfigureAwait(false));
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
