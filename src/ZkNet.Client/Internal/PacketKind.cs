namespace ZkNet.Client.Internal;

/// <summary>How a packet's reply is found.</summary>
internal enum PacketKind
{
    /// <summary>Replies come in request order; matched against the head of the pending queue by xid.</summary>
    Ordered,

    /// <summary>
    /// addAuth (xid -4): ZooKeeper answers auth packets as soon as it reads them, ahead of requests still in its
    /// pipeline, so they have a FIFO queue of their own.
    /// </summary>
    Auth,

    /// <summary>Ping (xid -2): its reply only proves the server is alive.</summary>
    Unmatched,
}
