using System.Buffers;
using ZkNet.Client.Exceptions;
using ZkNet.Protocol;
using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Client.Internal;

internal sealed partial class ClientConnection
{
    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            // Every complete frame in the buffer is handled before the next receive.
            while (TryTakeFrame(out var offset, out var length))
            {
                HandleFrame(_readBuffer.AsSpan(offset, length));
            }
            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void HandleFrame(ReadOnlySpan<byte> frame)
    {
        var reader = new JuteReader(frame);
        var header = ReplyHeader.Deserialize(ref reader);
        switch (header.Xid)
        {
            case Xids.Ping:
                return;
            case Xids.Notification:
                _owner.OnNotification(WatcherEvent.Deserialize(ref reader), header.Zxid);
                return;
            case Xids.Auth:
                HandleAuthReply(header, ref reader);
                return;
        }
        Packet? packet;
        lock (_pendingGate)
        {
            _pending.TryDequeue(out packet);
        }
        if (packet is null)
        {
            throw new IOException($"reply with xid {header.Xid} but no request is in flight");
        }
        if (packet.Xid != header.Xid)
        {
            // Replies come back in request order; anything else means the stream can no longer be trusted.
            packet.Fail(new ConnectionLossException(packet.ClientPath));
            throw new IOException($"xid out of order: got {header.Xid}, expected {packet.Xid}");
        }
        if (header.Zxid > 0)
        {
            _owner.OnZxid(header.Zxid);
        }
        packet.Complete(header, ref reader, _owner.Chroot);
    }

    private void HandleAuthReply(in ReplyHeader header, ref JuteReader reader)
    {
        Packet? packet;
        lock (_pendingGate)
        {
            _pendingAuth.TryDequeue(out packet);
        }
        if ((ErrorCode)header.Err == ErrorCode.AuthFailed)
        {
            // ZooKeeper closes the connection after refusing credentials; the client is finished (AUTH_FAILED).
            packet?.Fail(new AuthFailedException((string?)null));
            _owner.OnAuthFailed();
            throw new AuthFailedException((string?)null);
        }
        packet?.Complete(header, ref reader, _owner.Chroot);
    }

    /// <summary>Takes the next complete frame off the read buffer, growing the buffer when a frame needs more room.</summary>
    private bool TryTakeFrame(out int offset, out int length)
    {
        offset = 0;
        length = 0;
        var sequence = new ReadOnlySequence<byte>(_readBuffer, _readStart, _readEnd - _readStart);
        var before = sequence.Length;
        if (!FrameDecoder.TryReadFrame(ref sequence, _maxPacketLength, out var frame))
        {
            if (before >= 4)
            {
                var needed = 4 + System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(_readBuffer.AsSpan(_readStart, 4));
                EnsureRoom(needed);
            }
            return false;
        }
        offset = _readStart + 4;
        length = (int)frame.Length;
        _readStart += (int)(before - sequence.Length);
        return true;
    }

    /// <summary>Receives more bytes after the ones buffered; throws when the server closed the connection.</summary>
    private async Task FillAsync(CancellationToken cancellationToken)
    {
        if (_readStart == _readEnd)
        {
            _readStart = _readEnd = 0;
        }
        else if (_readEnd == _readBuffer.Length)
        {
            EnsureRoom(_readEnd - _readStart + 1);
        }
        var received = _tls is not null
            ? await _tls.ReadAsync(_readBuffer.AsMemory(_readEnd), cancellationToken).ConfigureAwait(false)
            : await _socket.ReceiveAsync(_readBuffer.AsMemory(_readEnd), System.Net.Sockets.SocketFlags.None,
                cancellationToken).ConfigureAwait(false);
        if (received == 0)
        {
            throw new EndOfStreamException("the server closed the connection");
        }
        _readEnd += received;
        Volatile.Write(ref _lastHeard, Environment.TickCount64);
    }

    /// <summary>Moves the unread bytes to the front, into a larger buffer if <paramref name="frameBytes"/> would not fit.</summary>
    private void EnsureRoom(int frameBytes)
    {
        if (_readBuffer.Length - _readStart >= frameBytes)
        {
            return;
        }
        var unread = _readEnd - _readStart;
        var target = _readBuffer.Length >= frameBytes ? _readBuffer : ArrayPool<byte>.Shared.Rent(frameBytes);
        Buffer.BlockCopy(_readBuffer, _readStart, target, 0, unread);
        if (!ReferenceEquals(target, _readBuffer))
        {
            ArrayPool<byte>.Shared.Return(_readBuffer);
            _readBuffer = target;
        }
        _readStart = 0;
        _readEnd = unread;
    }
}
