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
    /// Writes what <paramref name="queue"/> yields (a SNAP's snapshot serialized right behind its packet), flushing
    /// whenever the queue runs empty, as ZooKeeper's sender threads do; <paramref name="written"/> is called after each
    /// packet. Returns false when the stream failed or a snapshot could not be made.
    /// </summary>
    public static async Task<bool> SendLoopAsync(Stream stream, ChannelReader<(QuorumPacket Packet, IZabSnapshot? Snapshot)> queue,
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
                    if (item.Snapshot is { } snapshot)
                    {
                        // The packets behind a snapshot wait for it: the stream carries them in order. The snapshot
                        // goes straight from the tree to the stream, in buffered pieces; the stream's back-pressure
                        // (a slow learner) slows the walk, never the leader's processor.
                        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
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
    /// Reads one packet. After a SNAP the snapshot follows on the stream: the caller reads it
    /// (<see cref="IZabDatabase.ReadSnapshot"/>) before the next packet. Throws <see cref="InvalidDataException"/> on
    /// anything malformed and <see cref="EndOfStreamException"/> at the end.
    /// </summary>
    public static async Task<QuorumPacket> ReadAsync(Stream stream, int maxLength, CancellationToken cancellationToken)
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
        return new QuorumPacket(type, zxid, data, auth);
    }
}
