using System.Threading.Channels;
using ZkNet.Client.Exceptions;
using ZkNet.Client.Internal;
using ZkNet.Client.Watches;
using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Client;

public sealed partial class ZooKeeperClient : IConnectionOwner
{
    /// <summary>ZooKeeper's client caps each setWatches packet at about this many path characters.</summary>
    private const int SetWatchesMaxLength = 128 * 1024;

    Channel<Packet> IConnectionOwner.Outgoing => _outgoing;

    Chroot IConnectionOwner.Chroot => _chroot;

    int IConnectionOwner.NextXid()
    {
        // Positive and never a reserved negative xid; wraps past int.MaxValue to 1 as ZooKeeper's client does.
        var xid = Interlocked.Increment(ref _xid);
        if (xid <= 0)
        {
            Interlocked.CompareExchange(ref _xid, 1, xid);
            xid = 1;
        }
        return xid;
    }

    void IConnectionOwner.OnZxid(long zxid)
    {
        long seen;
        do
        {
            seen = Interlocked.Read(ref _lastZxid);
        }
        while (zxid > seen && Interlocked.CompareExchange(ref _lastZxid, zxid, seen) != seen);
    }

    void IConnectionOwner.OnNotification(WatcherEvent notification, long zxid)
    {
        var serverPath = notification.Path;
        if (!_chroot.Contains(serverPath))
        {
            Log.OutsideChroot(_logger, serverPath, _chroot.Prefix);
            return;
        }
        var clientPath = _chroot.ToClient(serverPath);
        var type = (EventType)notification.Type;
        _dispatcher.Post(new WatchedEvent(type, (KeeperState)notification.State, clientPath, zxid),
            _watches.Materialize(type, clientPath));
    }

    void IConnectionOwner.OnAuthFailed()
    {
        Log.AuthFailed(_logger, SessionId);
        if (EnterTerminal(ClientState.AuthFailed))
        {
            PostState(KeeperState.AuthFailed);
            _firstSession.TrySetException(new AuthFailedException());
        }
    }

    /// <summary>
    /// What a new connection sends before anything queued: every credential (addAuth, xid -4), then the watches
    /// to re-arm (setWatches, or setWatches2 when persistent watches exist; xid -8) relative to the last zxid seen,
    /// so the server fires at once any watch whose node changed while the client was away.
    /// </summary>
    private List<Packet> BuildPrimer()
    {
        var primer = new List<Packet>();
        lock (_auth)
        {
            foreach (var credential in _auth)
            {
                primer.Add(AuthPacketFor(credential));
            }
        }
        if (!_options.AutoWatchReset || _watches.IsEmpty)
        {
            return primer;
        }
        var tables = new[] { WatchKind.Data, WatchKind.Exist, WatchKind.Child, WatchKind.Persistent, WatchKind.PersistentRecursive }
            .Select(kind => new Queue<string>(_watches.Paths(kind).Select(_chroot.ToServer)))
            .ToArray();
        var lastZxid = LastZxid;
        while (tables.Any(t => t.Count > 0))
        {
            var batch = tables.Select(_ => new List<string>()).ToArray();
            var length = 0;
            for (var kind = 0; kind < tables.Length && length < SetWatchesMaxLength; kind++)
            {
                while (length < SetWatchesMaxLength && tables[kind].TryDequeue(out var path))
                {
                    batch[kind].Add(path);
                    length += path.Length;
                }
            }
            IJuteRecord record;
            OpCode opCode;
            if (batch[3].Count == 0 && batch[4].Count == 0)
            {
                // Servers older than 3.6 only know setWatches; use it whenever no persistent watch is involved.
                record = new SetWatches(lastZxid, batch[0], batch[1], batch[2]);
                opCode = OpCode.SetWatches;
            }
            else
            {
                record = new SetWatches2(lastZxid, batch[0], batch[1], batch[2], batch[3], batch[4]);
                opCode = OpCode.SetWatches2;
            }
            primer.Add(new Packet<bool>(opCode, record, null, null) { FixedXid = Xids.SetWatches });
        }
        return primer;
    }

    private static Packet<bool> AuthPacketFor(AuthCredential credential) =>
        new(OpCode.Auth, new AuthPacket(0, credential.Scheme, credential.Data), null, null)
        {
            FixedXid = Xids.Auth,
            Kind = PacketKind.Auth,
        };
}
