using System.Threading.Channels;
using ZkNet.Protocol.Records;

namespace ZkNet.Client.Internal;

/// <summary>What a <see cref="ClientConnection"/> needs from the client that owns the session.</summary>
internal interface IConnectionOwner
{
    /// <summary>The requests waiting to be sent, shared by every connection of the session in turn.</summary>
    Channel<Packet> Outgoing { get; }

    /// <summary>The chroot, for paths in replies.</summary>
    Chroot Chroot { get; }

    /// <summary>The next xid for an ordinary request (positive, wrapping past int.MaxValue to 1).</summary>
    int NextXid();

    /// <summary>A reply carried this zxid.</summary>
    void OnZxid(long zxid);

    /// <summary>A watch notification arrived (on the socket reader, in order).</summary>
    void OnNotification(WatcherEvent notification, long zxid);

    /// <summary>The server refused the credentials of an addAuth.</summary>
    void OnAuthFailed();
}
