using ZkNet.Client.Exceptions;
using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Jute;

namespace ZkNet.Client.Internal;

internal sealed partial class ClientConnection
{
    /// <summary>Bytes gathered before a send even if more requests are queued, to bound the buffer.</summary>
    private const int FlushThreshold = 64 * 1024;

    private async Task WriteLoopAsync(IReadOnlyList<Packet> primer, CancellationToken cancellationToken)
    {
        using var buffer = new FrameBuffer(FlushThreshold);
        foreach (var packet in primer)
        {
            Append(buffer, packet);
        }
        var outgoing = _owner.Outgoing.Reader;
        while (true)
        {
            // Take whatever is queued, then send it in one go: many pipelined requests cost one syscall.
            while (buffer.WrittenCount < FlushThreshold && outgoing.TryRead(out var packet))
            {
                Append(buffer, packet);
            }
            if (buffer.WrittenCount > 0)
            {
                await SendAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                buffer.Clear();
                continue;
            }
            if (!await outgoing.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Gives the packet its xid, records it as in flight and frames it. Recording comes before the bytes leave,
    /// and nothing awaits between taking the packet off the queue and recording it, so a failing connection
    /// fails it (never loses it).
    /// </summary>
    private void Append(FrameBuffer buffer, Packet packet)
    {
        if (packet.IsCompleted)
        {
            return;
        }
        packet.Xid = packet.FixedXid ?? _owner.NextXid();
        lock (_pendingGate)
        {
            if (_failed)
            {
                packet.Fail(new ConnectionLossException(packet.ClientPath));
                return;
            }
            if (packet.Kind == PacketKind.Ordered)
            {
                _pending.Enqueue(packet);
            }
            else if (packet.Kind == PacketKind.Auth)
            {
                _pendingAuth.Enqueue(packet);
            }
        }
        var mark = buffer.BeginFrame();
        packet.Write(new JuteWriter(buffer));
        buffer.EndFrame(mark);
    }
}
